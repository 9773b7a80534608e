import "@mantine/charts/styles.css";
import { BarChart, CompositeChart } from "@mantine/charts";
import { Alert, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { UsageFilters } from "../../api/usage.ts";
import { useUsageChartRows } from "../../api/usage.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import {
  type DayPoint,
  dailySeries,
  formatCompact,
  formatCount,
  formatDay,
} from "./usage-series.ts";

interface Props {
  orgId: string;
  filters: UsageFilters;
}

function ChartCard({ title, how, children }: { title: string; how: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap={0} mb="xs">
        <Title order={2} fz="sm">
          {title}
        </Title>
        <Text size="xs" c="dimmed">
          {how}
        </Text>
      </Stack>
      {children}
    </Paper>
  );
}

const axes = (points: DayPoint[]) => ({
  h: 240,
  data: points,
  dataKey: "day",
  withLegend: true,
  legendProps: { verticalAlign: "bottom" as const, height: 28 },
  // Tokens and requests are whole numbers: no 0.8-request ticks on small days.
  yAxisProps: { tickFormatter: (v: number) => formatCompact(v), width: 52, allowDecimals: false },
  xAxisProps: { tickFormatter: (d: string) => formatDay(d, false), minTickGap: 24 },
  tooltipProps: { labelFormatter: (d: unknown) => formatDay(String(d), true) },
  valueFormatter: (v: number) => formatCount(v),
});

/** Tokens and requests per UTC day of the range, from every row (up to a cap, said so). */
export function UsageCharts({ orgId, filters }: Props) {
  const chart = useUsageChartRows(orgId, filters);
  if (chart.isPending) {
    return (
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" aria-busy="true" aria-label="Loading">
        <Skeleton height={320} />
        <Skeleton height={320} />
      </SimpleGrid>
    );
  }
  if (!chart.data) {
    return (
      <ProblemAlert
        error={chart.error}
        title="Could not load the daily usage"
        onRetry={() => void chart.refetch()}
      />
    );
  }
  const { rows, total, capped } = chart.data;
  const points = dailySeries(rows, filters.from, filters.to);
  const oldest = rows.at(-1)?.day;
  return (
    <Stack gap="sm">
      {capped && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle />} role="status">
          The charts are drawn from the newest {formatCount(rows.length)} of {formatCount(total)}{" "}
          rows:{" "}
          {oldest
            ? `days before ${formatDay(oldest, true)} show as empty and that day may be partial`
            : "older days show as empty"}
          . Narrow the range or filter by customer, key or model for complete charts.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ChartCard title="Tokens per day" how="Input and output tokens, stacked; UTC days">
          <BarChart
            {...axes(points)}
            type="stacked"
            yAxisLabel="tokens"
            series={[
              { name: "inputTokens", label: "Input tokens", color: "indigo.6" },
              { name: "outputTokens", label: "Output tokens", color: "teal.5" },
            ]}
          />
        </ChartCard>
        <ChartCard
          title="Requests and errors per day"
          how="Errors are counted among the requests; UTC days"
        >
          <CompositeChart
            {...axes(points)}
            yAxisLabel="requests"
            withDots={false}
            strokeWidth={2}
            series={[
              { name: "requests", label: "Requests", color: "blue.6", type: "bar" },
              { name: "errors", label: "Errors", color: "red.6", type: "line" },
            ]}
          />
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}
