import "@mantine/charts/styles.css";
import {
  isId,
  type Series,
  type SeriesRange,
  type SeriesScope,
  seriesRanges,
  seriesScopes,
  telemetryMetrics,
} from "@edgeplane/contracts";
import {
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from "@mantine/core";
import { IconChartLine } from "@tabler/icons-react";
import { Link } from "react-router";
import { useNodeOptions } from "../../api/nodes.ts";
import { useSeries } from "../../api/operations.ts";
import { useSiteOptions } from "../../api/sites.ts";
import { oneOf, useFilterParams } from "../../components/filter-params.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { SimulatedBadge } from "../../components/SimulatedBadge.tsx";
import { StartAgentHint } from "../../components/StartAgentHint.tsx";
import { UpdatedAgo } from "../../components/UpdatedAgo.tsx";
import { chartRows, formatDuration } from "../../lib/ops-format.ts";
import { useOrg } from "../../org/use-org.ts";
import { allNavItems } from "../../shell/nav.ts";
import { MetricChart } from "./MetricChart.tsx";

const purpose = allNavItems.find((i) => i.href === "/observability")?.purpose ?? "";
const filterKeys = ["scope", "id", "range"] as const;

const colors: Record<(typeof telemetryMetrics)[number], string> = {
  gpu_utilization: "teal",
  gpu_memory_used: "grape",
  gpu_temperature: "orange",
  power: "yellow",
  tokens_per_second: "blue",
  queue_depth: "indigo",
  heartbeat_lag: "cyan",
};

const scopeLabels: Record<SeriesScope, string> = { fleet: "Fleet", site: "Site", node: "Node" };

/** How long the table a chart reads from takes to get its first row. */
const rollupPeriods: Record<Series["source"], number | null> = {
  raw: null,
  "1m": 60_000,
  "5m": 300_000,
  "1h": 3_600_000,
};

/** Telemetry charts for the fleet, one site or one node, over 1 h to 30 days. */
export function ObservabilityPage() {
  const { org } = useOrg();
  const filters = useFilterParams(filterKeys);
  const scope = oneOf(seriesScopes, filters.values.scope) ?? "fleet";
  const range: SeriesRange = oneOf(seriesRanges, filters.values.range) ?? "1h";
  const rawId = filters.values.id;
  const id =
    scope === "site" && rawId && isId("site", rawId)
      ? rawId
      : scope === "node" && rawId && isId("node", rawId)
        ? rawId
        : null;
  const sites = useSiteOptions(org.id);
  const nodes = useNodeOptions(org.id);
  const series = useSeries(org.id, { scope, id, range });

  // A site id and a node id differ by prefix: an id of the other kind is ignored, not cleared.
  const setScope = (v: string) => filters.set("scope", v === "fleet" ? null : v);
  const picker =
    scope === "site" ? (
      <Select
        aria-label="Site"
        placeholder="Choose a site"
        data={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        searchable
        w={{ base: "100%", sm: 300 }}
        value={id}
        onChange={(v) => filters.set("id", v)}
      />
    ) : scope === "node" ? (
      <Select
        aria-label="Node"
        placeholder="Choose a node"
        data={(nodes.data?.items ?? []).map((n) => ({
          value: n.id,
          label: `${n.name} · ${n.siteName}`,
        }))}
        searchable
        w={{ base: "100%", sm: 360 }}
        value={id}
        onChange={(v) => filters.set("id", v)}
      />
    ) : null;

  let body: React.ReactNode;
  if (scope !== "fleet" && id === null) {
    body = (
      <Paper withBorder p="xl">
        <Text size="sm" c="dimmed" ta="center">
          Choose a {scope} to see its telemetry.
        </Text>
      </Paper>
    );
  } else if (series.isPending) {
    body = (
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" aria-busy="true" aria-label="Loading">
        {telemetryMetrics.map((m) => (
          <Skeleton key={m} height={290} />
        ))}
      </SimpleGrid>
    );
  } else if (!series.data) {
    body = (
      <ProblemAlert
        error={series.error}
        title="Could not load the telemetry"
        onRetry={() => void series.refetch()}
      />
    );
  } else if (series.data.series.every((s) => s.points.every((p) => p.samples === 0))) {
    const rollupMs = rollupPeriods[series.data.source];
    // A no-break space: "1 h" must not split across lines.
    const rollup = rollupMs === null ? null : formatDuration(rollupMs).replaceAll(" ", "\u00a0");
    // Past 1 h an empty chart usually means the rollup has not landed, not that nothing reports.
    body = (
      <Paper withBorder p="xl">
        <Stack gap="sm" align="center">
          <IconChartLine size={28} aria-hidden />
          <Text fw={600}>No telemetry yet</Text>
          <Text size="sm" c="dimmed" ta="center" maw={520}>
            {range === "1h"
              ? `Nothing was reported for this ${scope} in the last hour.`
              : `No points for this ${scope} in the last ${range} yet.`}
            {rollup &&
              ` These charts are drawn from ${rollup} rollups: the first point appears about ${rollup} after a node starts reporting.`}
          </Text>
          {range === "1h" ? (
            <StartAgentHint />
          ) : (
            <Button variant="default" onClick={() => filters.set("range", null)}>
              See the last hour
            </Button>
          )}
        </Stack>
      </Paper>
    );
  } else {
    const step = formatDuration(series.data.stepSeconds * 1000);
    body = (
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {series.data.series.map((s) => (
          <MetricChart
            key={s.metric}
            metric={s.metric}
            rows={chartRows(s.metric, s.points)}
            range={range}
            scope={scope}
            color={colors[s.metric]}
            step={step}
          />
        ))}
      </SimpleGrid>
    );
  }

  return (
    <>
      <PageHeader
        title="Observability"
        purpose={purpose}
        action={
          <Group gap="sm">
            {series.data?.simulated && <SimulatedBadge />}
            <UpdatedAgo updatedAt={series.dataUpdatedAt} failed={series.isError} />
          </Group>
        }
      />
      <Group gap="sm" mb="md" align="center" wrap="wrap">
        <SegmentedControl
          aria-label="Scope"
          data={seriesScopes.map((s) => ({ value: s, label: scopeLabels[s] }))}
          value={scope}
          onChange={setScope}
        />
        {picker}
        {scope === "node" && id && (
          <Anchor component={Link} to={`/nodes/${id}`} size="sm">
            Node details
          </Anchor>
        )}
        <SegmentedControl
          ml="auto"
          aria-label="Range"
          data={seriesRanges.map((r) => ({ value: r, label: r }))}
          value={range}
          onChange={(v) => filters.set("range", v === "1h" ? null : v)}
        />
      </Group>
      {body}
    </>
  );
}
