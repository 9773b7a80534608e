import { Badge } from "@mantine/core";
import { type StateKind, stateStyle } from "../lib/states.ts";

/** The one badge for node, site and key states, in the field notes' words and colours. */
export function StateBadge({ kind, state }: { kind: StateKind; state: string }) {
  const { label, color } = stateStyle(kind, state);
  return (
    <Badge
      color={color}
      variant="light"
      radius="sm"
      leftSection={<StateDot color={color} />}
      styles={{ root: { textTransform: "none" } }}
    >
      {label}
    </Badge>
  );
}

function StateDot({ color }: { color: string }) {
  return (
    <span
      aria-hidden
      style={{
        display: "inline-block",
        width: 6,
        height: 6,
        borderRadius: "50%",
        background: `var(--mantine-color-${color}-filled)`,
      }}
    />
  );
}
