import type { SeriesRange, SeriesScope, TelemetryMetric } from "@edgeplane/contracts";
import { LineChart } from "@mantine/charts";
import { Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import {
  axisTickFormatter,
  type ChartRow,
  formatShown,
  metricDisplay,
  metricHow,
  timeTick,
} from "../../lib/ops-format.ts";

interface Props {
  metric: TelemetryMetric;
  rows: ChartRow[];
  range: SeriesRange;
  scope: SeriesScope;
  color: string;
  /** What one point covers, e.g. "5 min". */
  step: string;
}

type Line = "min" | "avg" | "max";

/** A point with gaps on both sides: without a dot it would not show at all. */
function isolated(rows: ChartRow[], i: number, line: Line): boolean {
  return rows[i]?.[line] != null && rows[i - 1]?.[line] == null && rows[i + 1]?.[line] == null;
}

const cssColor = (c: string | undefined) =>
  `var(--mantine-color-${(c ?? "gray.6").replace(".", "-")})`;

/**
 * One metric: the average as a solid line between dashed lowest and highest lines. Gaps stay
 * gaps (no data is not a flat line); a lone point between gaps gets a dot.
 */
export function MetricChart({ metric, rows, range, scope, color, step }: Props) {
  const d = metricDisplay[metric];
  const hasData = rows.some((r) => r.avg !== null);
  const latest = [...rows].reverse().find((r) => r.avg !== null)?.avg ?? null;
  return (
    <Paper withBorder p="md" component="section" aria-label={d.label}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs" wrap="nowrap">
        <Stack gap={0}>
          <Title order={2} fz="sm">
            {d.label}
          </Title>
          <Text size="xs" c="dimmed">
            {metricHow(metric, scope)}; {step} points
          </Text>
        </Stack>
        <Text size="sm" fw={600} style={{ whiteSpace: "nowrap" }}>
          {latest === null ? "—" : formatShown(metric, latest)}
        </Text>
      </Group>
      {hasData ? (
        <LineChart
          h={200}
          data={rows}
          dataKey="t"
          withLegend
          legendProps={{ verticalAlign: "bottom", height: 28 }}
          withDots={false}
          connectNulls={false}
          curveType="monotone"
          strokeWidth={1.5}
          gridAxis="xy"
          yAxisLabel={d.unit}
          valueFormatter={(v) => formatShown(metric, v)}
          yAxisProps={{
            tickFormatter: axisTickFormatter(rows.flatMap((r) => [r.min, r.avg, r.max])),
            allowDecimals: !d.whole,
            width: 52,
          }}
          xAxisProps={{ tickFormatter: (t: string) => timeTick(t, range), minTickGap: 48 }}
          lineProps={(series) => ({
            dot: (p: { cx?: number; cy?: number; index?: number }) => {
              const key = `${series.name}-${p.index}`;
              return p.index !== undefined && isolated(rows, p.index, series.name as Line) ? (
                <circle key={key} cx={p.cx} cy={p.cy} r={2.5} fill={cssColor(series.color)} />
              ) : (
                <g key={key} />
              );
            },
          })}
          tooltipProps={{
            labelFormatter: (t) => new Date(String(t)).toLocaleString(),
          }}
          series={[
            { name: "max", label: "max", color: `${color}.3`, strokeDasharray: "4 3" },
            { name: "avg", label: "avg", color: `${color}.6` },
            { name: "min", label: "min", color: `${color}.3`, strokeDasharray: "4 3" },
          ]}
        />
      ) : (
        <Center h={200}>
          <Text size="sm" c="dimmed">
            No {d.label.toLowerCase()} readings in this range
          </Text>
        </Center>
      )}
    </Paper>
  );
}
