import type { TelemetryMetric } from "@edgeplane/contracts";
import { Sparkline } from "@mantine/charts";
import { Anchor, Box, Center, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { useSeries } from "../../api/operations.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";
import { chartRows, formatShown, metricDisplay } from "../../lib/ops-format.ts";

const trendMetrics: { metric: TelemetryMetric; color: string }[] = [
  { metric: "tokens_per_second", color: "blue" },
  { metric: "gpu_utilization", color: "teal" },
];

/** The fleet's usage over the last 24 h: throughput and GPU load, with the latest value. */
export function FleetTrend({ orgId }: { orgId: string }) {
  const series = useSeries(orgId, {
    scope: "fleet",
    id: null,
    range: "24h",
    metrics: trendMetrics.map((m) => m.metric),
  });
  if (series.isPending) return <TableSkeleton rows={1} />;
  if (series.isError && !series.data) {
    return (
      <ProblemAlert
        error={series.error}
        title="Could not load the fleet trend"
        onRetry={() => void series.refetch()}
      />
    );
  }
  const empty = series.data.series.every((s) => s.points.every((p) => p.samples === 0));
  if (empty) {
    return (
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          No usage in the last 24 hours yet. This trend is drawn from 5-minute rollups: the first
          point appears about 5 minutes after a node starts reporting.
        </Text>
        <Anchor component={Link} to="/observability" size="xs">
          See the last hour in Observability
        </Anchor>
      </Stack>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      {trendMetrics.map(({ metric, color }) => {
        const points = series.data.series.find((s) => s.metric === metric)?.points ?? [];
        const rows = chartRows(metric, points);
        const latest = [...rows].reverse().find((r) => r.avg !== null)?.avg ?? null;
        const peak = Math.max(...rows.map((r) => r.max ?? 0), 0);
        // Gaps stay gaps, so a line needs two neighbouring points: one alone draws nothing.
        const drawable = rows.some((r, i) => r.avg !== null && (rows[i - 1]?.avg ?? null) !== null);
        return (
          <Stack key={metric} gap={4}>
            <Group justify="space-between" gap="xs">
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {metricDisplay[metric].label}
              </Text>
              <Text size="xs" c="dimmed">
                peak {formatShown(metric, peak)}
              </Text>
            </Group>
            <Text fz={20} fw={700} lh={1.2}>
              {latest === null ? "—" : formatShown(metric, latest)}
            </Text>
            <Box pos="relative">
              <Sparkline
                w="100%"
                h={56}
                data={rows.map((r) => r.avg)}
                color={color}
                curveType="monotone"
                fillOpacity={0.25}
                strokeWidth={1.5}
                connectNulls={false}
                aria-label={`${metricDisplay[metric].label}, fleet average over the last 24 hours`}
                role="img"
              />
              {!drawable && (
                <Center pos="absolute" inset={0}>
                  <Text size="xs" c="dimmed" ta="center">
                    The line starts with the next point.
                  </Text>
                </Center>
              )}
            </Box>
          </Stack>
        );
      })}
      <Anchor component={Link} to="/observability?range=24h" size="xs">
        Open observability
      </Anchor>
    </SimpleGrid>
  );
}
