import { Badge, Tooltip } from "@mantine/core";
import { IconFlask } from "@tabler/icons-react";

/** Said wherever simulator data is shown, so nobody mistakes a demo fleet for a real one. */
export function SimulatedBadge({ what = "Simulated data" }: { what?: string }) {
  return (
    <Tooltip
      label="Reported by edgeplane-agent simulate, not by real GPUs"
      withArrow
      multiline
      w={240}
    >
      <Badge
        color="violet"
        variant="light"
        radius="sm"
        leftSection={<IconFlask size={12} aria-hidden />}
        styles={{ root: { textTransform: "none" } }}
        tabIndex={0}
      >
        {what}
      </Badge>
    </Tooltip>
  );
}
