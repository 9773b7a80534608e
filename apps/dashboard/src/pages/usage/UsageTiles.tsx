import { Paper, SimpleGrid, Skeleton, Text, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";
import type { UsageSummary } from "../../api/usage.ts";
import { daysBetween } from "./usage-range.ts";
import { errorRate, formatCompact, formatCount, formatUsd } from "./usage-series.ts";

interface TileProps {
  label: string;
  value: string;
  /** The exact figure when the value is rounded (1.2M). */
  exact?: string;
  detail: ReactNode;
  color: string;
}

function Tile({ label, value, exact, detail, color }: TileProps) {
  const shown = (
    // Six tiles share a row: a small cost ($0.000029) overflowed its tile at 26 px on 1280 px.
    <Text fz="clamp(18px, 1.5vw, 26px)" fw={700} lh={1.2} mt={4}>
      {value}
    </Text>
  );
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={label}
      data-testid={`usage-tile-${label.toLowerCase().replace(/\s+/g, "-")}`}
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-filled)` }}
    >
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      {exact && exact !== value ? (
        <Tooltip label={exact} withArrow>
          {shown}
        </Tooltip>
      ) : (
        shown
      )}
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Paper>
  );
}

export function UsageTilesSkeleton() {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" aria-busy="true" aria-label="Loading">
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder tiles have no identity
        <Skeleton key={i} height={92} />
      ))}
    </SimpleGrid>
  );
}

/** The range's totals: what was asked of the gateway, what it cost, and what failed. */
export function UsageTiles({ summary }: { summary: UsageSummary }) {
  const days = daysBetween(summary.from, summary.to);
  const tokens = (n: number) => `${formatCount(n)} tokens`;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      <Tile
        label="Requests"
        value={formatCount(summary.requests)}
        detail={`over ${days} ${days === 1 ? "day" : "days"}`}
        color="blue"
      />
      <Tile
        label="Input tokens"
        value={formatCompact(summary.inputTokens)}
        exact={formatCount(summary.inputTokens)}
        detail={tokens(summary.inputTokens)}
        color="indigo"
      />
      <Tile
        label="Output tokens"
        value={formatCompact(summary.outputTokens)}
        exact={formatCount(summary.outputTokens)}
        detail={tokens(summary.outputTokens)}
        color="teal"
      />
      <Tile
        label="Errors"
        value={formatCount(summary.errors)}
        detail={
          summary.requests === 0 ? (
            "no requests"
          ) : (
            <Text span size="xs" c={summary.errors > 0 ? "red" : "dimmed"} fw={600}>
              {errorRate(summary.errors, summary.requests)} error rate
            </Text>
          )
        }
        color="red"
      />
      <Tile
        label="Cost"
        value={formatUsd(summary.costUsd)}
        detail="at catalogue prices"
        color="yellow"
      />
      <Tile
        label="Incomplete"
        value={formatCount(summary.incomplete)}
        detail="streams cut off by the client"
        color="gray"
      />
    </SimpleGrid>
  );
}
