import { Group, Text, Tooltip } from "@mantine/core";
import { useInterval } from "@mantine/hooks";
import dayjs from "dayjs";
import { useState } from "react";

interface Props {
  /** When the data on screen was fetched (TanStack Query's dataUpdatedAt); 0: not yet. */
  updatedAt: number;
  /** A refresh failed while older data stays on screen. */
  failed: boolean;
}

function ago(seconds: number): string {
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

/** "Updated 4 s ago", ticking every second, so a stalled live view shows it is stalled. */
export function UpdatedAgo({ updatedAt, failed }: Props) {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 1000, { autoInvoke: true });
  if (updatedAt === 0) return null;
  const text = ago(Math.max(0, Math.round((now - updatedAt) / 1000)));
  const at = dayjs(updatedAt);
  return (
    <Tooltip label={`${at.format("ddd D MMM YYYY, HH:mm:ss")} (UTC${at.format("Z")})`} withArrow>
      <Group gap={6} wrap="nowrap" data-testid="updated-ago">
        <span
          aria-hidden
          style={{
            width: 8,
            height: 8,
            borderRadius: "50%",
            flexShrink: 0,
            background: `var(--mantine-color-${failed ? "orange" : "green"}-filled)`,
          }}
        />
        <Text size="xs" c={failed ? "orange" : "dimmed"}>
          {failed ? `Update failed, retrying · data from ${text}` : `Updated ${text}`}
        </Text>
      </Group>
    </Tooltip>
  );
}
