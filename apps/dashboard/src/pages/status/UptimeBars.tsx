import { Box, Group, Text, Tooltip } from "@mantine/core";
import dayjs from "dayjs";
import { formatUptime, uptimeColor } from "../../lib/ops-format.ts";

interface Props {
  name: string;
  /** The 90 UTC days, oldest first, and one uptime value (0–1 or null) per day. */
  days: string[];
  uptime: (number | null)[];
  uptime90: number | null;
}

/** 90 daily bars coloured by downtime, each with its date and uptime on hover. */
export function UptimeBars({ name, days, uptime, uptime90 }: Props) {
  return (
    <div>
      <Group
        gap={2}
        wrap="nowrap"
        h={28}
        role="img"
        aria-label={`${name}: ${formatUptime(uptime90)} uptime over the last ${days.length} days`}
      >
        {days.map((day, i) => {
          const u = uptime[i] ?? null;
          return (
            <Tooltip
              key={day}
              label={`${dayjs(day).format("ddd D MMM YYYY")}: ${u === null ? "no data" : `${formatUptime(u)} up`}`}
              withArrow
              openDelay={0}
              transitionProps={{ duration: 0 }}
            >
              <Box
                h="100%"
                style={{
                  flex: 1,
                  minWidth: 2,
                  borderRadius: 2,
                  background:
                    u === null
                      ? "var(--mantine-color-default-border)"
                      : `var(--mantine-color-${uptimeColor(u)}-filled)`,
                }}
              />
            </Tooltip>
          );
        })}
      </Group>
      <Group justify="space-between" mt={2}>
        <Text size="xs" c="dimmed">
          {days.length} days ago
        </Text>
        <Text size="xs" c="dimmed">
          {formatUptime(uptime90)} uptime
        </Text>
        <Text size="xs" c="dimmed">
          Today
        </Text>
      </Group>
    </div>
  );
}
