import { Anchor, Box, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { useIncidents } from "../../api/incidents.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";
import { worstFirst } from "./ordering.ts";

const shown = 6;

/** The open incidents themselves, so the critical one is one click away. */
export function OpenIncidents({ orgId }: { orgId: string }) {
  const incidents = useIncidents(orgId, { status: "open" }, 100);
  if (incidents.isPending) return <TableSkeleton rows={2} />;
  if (incidents.isError && !incidents.data) {
    return (
      <ProblemAlert
        error={incidents.error}
        title="Could not load the open incidents"
        onRetry={() => void incidents.refetch()}
      />
    );
  }
  const all = worstFirst(incidents.data.pages.flatMap((p) => p.items));
  if (all.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No open incidents. Nodes that degrade or go offline open one automatically.
      </Text>
    );
  }
  return (
    <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
      {all.slice(0, shown).map((i) => (
        <Group key={i.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Box style={{ flexShrink: 0 }}>
              <StateBadge kind="severity" state={i.severity} />
            </Box>
            <Anchor component={Link} to={`/incidents/${i.id}`} size="sm" truncate="end">
              {i.title}
            </Anchor>
          </Group>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            <RelativeTime iso={i.openedAt} size="xs" />
          </Text>
        </Group>
      ))}
      {all.length > shown && (
        <Anchor component={Link} to="/incidents" size="xs">
          All {all.length} open incidents
        </Anchor>
      )}
    </Stack>
  );
}
