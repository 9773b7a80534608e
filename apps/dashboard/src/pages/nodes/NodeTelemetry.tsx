import { type NodeState, type TelemetryMetric, telemetryMetrics } from "@edgeplane/contracts";
import { Badge, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { DataTable } from "mantine-datatable";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { formatMetric, metricDisplay } from "../../lib/ops-format.ts";

type Telemetry = NonNullable<NodeState["telemetry"]>;
type Gpu = Telemetry["gpus"][number];

const num = (v: number | null, unit: string, digits = 0) =>
  v === null
    ? "—"
    : `${new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(v)} ${unit}`;

function Metric({ metric, value }: { metric: TelemetryMetric; value: number | null }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {metricDisplay[metric].label}
      </Text>
      <Text size="sm" fw={600}>
        {formatMetric(metric, value)}
      </Text>
    </Stack>
  );
}

/** The newest sample the agent sent: node-level numbers, the inference server, each GPU. */
export function NodeTelemetry({ telemetry: t, hot }: { telemetry: Telemetry; hot: boolean }) {
  // The GPU behind an active temperature reason (the node's value is its hottest GPU).
  const hottest = hot ? t.metrics.gpu_temperature : null;
  const isHot = (g: Gpu) => hottest !== null && g.temperatureC === hottest;
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        Sampled <RelativeTime iso={t.sampleAt} size="xs" /> on <b>{t.hostname}</b> by agent{" "}
        {t.agentVersion}, every {t.intervalSeconds} s
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm">
        {telemetryMetrics.map((m) => (
          <Metric key={m} metric={m} value={t.metrics[m] ?? null} />
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          Inference server:
        </Text>
        {t.upstreamHealthy === null ? (
          <Text size="xs" c="dimmed">
            not configured
          </Text>
        ) : (
          <Badge size="sm" variant="light" color={t.upstreamHealthy ? "green" : "red"} tt="none">
            {t.upstreamHealthy ? "Healthy" : "Unhealthy"}
          </Badge>
        )}
        {t.errorRatePct !== null && (
          <Text size="xs" c="dimmed">
            · {num(t.errorRatePct, "%", 1)} errors
          </Text>
        )}
        {t.models.length > 0 && (
          <Text size="xs" c="dimmed">
            · serves {t.models.join(", ")}
          </Text>
        )}
      </Group>
      {t.noGpu ? (
        <Text size="sm" c="dimmed">
          The agent found no NVIDIA GPU or driver on this host.
        </Text>
      ) : (
        <DataTable<Gpu>
          withTableBorder
          borderRadius="sm"
          records={t.gpus}
          idAccessor="index"
          minHeight={t.gpus.length === 0 ? 100 : undefined}
          noRecordsText="No GPU reading in the last sample"
          aria-label="GPUs"
          columns={[
            { accessor: "index", title: "GPU", width: 60 },
            { accessor: "name", title: "Model", render: (g) => g.name ?? "—" },
            {
              accessor: "utilizationPct",
              title: "Utilization",
              textAlign: "right",
              render: (g) => num(g.utilizationPct, "%"),
            },
            {
              accessor: "memoryUsedMiB",
              title: "Memory",
              textAlign: "right",
              noWrap: true,
              render: (g) =>
                g.memoryUsedMiB === null
                  ? "—"
                  : `${num(g.memoryUsedMiB / 1024, "", 1).trim()} / ${num((g.memoryTotalMiB ?? 0) / 1024, "GiB", 0)}`,
            },
            {
              accessor: "temperatureC",
              title: "Temperature",
              textAlign: "right",
              render: (g) => (
                <Text
                  size="sm"
                  span
                  c={isHot(g) ? "red" : undefined}
                  fw={isHot(g) ? 600 : undefined}
                >
                  {num(g.temperatureC, "°C")}
                </Text>
              ),
            },
            {
              accessor: "powerW",
              title: "Power",
              textAlign: "right",
              render: (g) => num(g.powerW, "W"),
            },
            {
              accessor: "eccUncorrected",
              title: "ECC (uncorr.)",
              textAlign: "right",
              render: (g) => (g.eccUncorrected === null ? "—" : String(g.eccUncorrected)),
            },
            {
              accessor: "lastXid",
              title: "Last XID",
              textAlign: "right",
              render: (g) => (g.lastXid === null ? "—" : String(g.lastXid)),
            },
          ]}
        />
      )}
    </Stack>
  );
}
