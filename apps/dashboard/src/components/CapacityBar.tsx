import { Group, Progress, Stack, Text } from "@mantine/core";
import type { Site } from "../api/fleet-types.ts";
import { formatKw } from "../lib/units.ts";

/** Allocated against capacity; over 80 % is a warning, over 100 % an error. */
export function CapacityBar({ power }: { power: Site["power"] }) {
  const { capacityKw, allocatedKw, headroomKw } = power;
  const pct = capacityKw > 0 ? (allocatedKw / capacityKw) * 100 : 0;
  const color = pct > 100 ? "red" : pct > 80 ? "orange" : "teal";
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          <b>{formatKw(allocatedKw)}</b> of {formatKw(capacityKw)} allocated ({Math.round(pct)} %)
        </Text>
        <Text size="sm" c={headroomKw < 0 ? "red" : "dimmed"}>
          {headroomKw < 0
            ? `${formatKw(-headroomKw)} over capacity`
            : `${formatKw(headroomKw)} headroom`}
        </Text>
      </Group>
      <Progress
        value={Math.min(pct, 100)}
        color={color}
        size="lg"
        aria-label={`Power allocated: ${Math.round(pct)} % of capacity`}
      />
    </Stack>
  );
}
