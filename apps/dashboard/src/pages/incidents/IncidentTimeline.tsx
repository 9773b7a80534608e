import type { IncidentEventView } from "@edgeplane/contracts";
import { Group, Text, ThemeIcon, Timeline } from "@mantine/core";
import {
  IconAlertTriangle,
  IconArrowsExchange,
  IconCheck,
  IconEye,
  IconMessage,
  IconUser,
} from "@tabler/icons-react";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { actorName, describeEvent, eventColors } from "./incident-words.ts";

const icons: Record<IncidentEventView["kind"], typeof IconCheck> = {
  opened: IconAlertTriangle,
  severity_changed: IconAlertTriangle,
  acknowledged: IconEye,
  assigned: IconUser,
  note: IconMessage,
  status_changed: IconArrowsExchange,
  resolved: IconCheck,
};

interface Props {
  events: IncidentEventView[];
  emailOf: (userId: string) => string | null;
}

/** Who did what, when: oldest first, as an incident review reads it. */
export function IncidentTimeline({ events, emailOf }: Props) {
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
  return (
    <Timeline active={sorted.length - 1} bulletSize={26} lineWidth={2} aria-label="Timeline">
      {sorted.map((e) => {
        const Icon = icons[e.kind];
        return (
          <Timeline.Item
            key={e.id}
            color={eventColors[e.kind]}
            bullet={
              <ThemeIcon
                size={26}
                radius="xl"
                color={eventColors[e.kind]}
                variant="filled"
                aria-hidden
              >
                <Icon size={14} />
              </ThemeIcon>
            }
            title={describeEvent(e, emailOf)}
            data-testid={`event-${e.kind}`}
          >
            {e.note && (
              <Text size="sm" mt={2} style={{ whiteSpace: "pre-wrap" }}>
                {e.note}
              </Text>
            )}
            <Group gap={4} mt={2}>
              <Text size="xs" c="dimmed">
                {actorName(e.actor)} ·
              </Text>
              <Text size="xs" c="dimmed" span>
                <RelativeTime iso={e.at} size="xs" />
              </Text>
            </Group>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
