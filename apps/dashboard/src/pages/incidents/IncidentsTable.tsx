import type { IncidentView } from "@edgeplane/contracts";
import { Anchor, Stack, Text } from "@mantine/core";
import { DataTable } from "mantine-datatable";
import { Link } from "react-router";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { formatDuration } from "../../lib/ops-format.ts";
import { incidentDurationMs } from "./incident-words.ts";

interface Props {
  incidents: IncidentView[];
  fetching: boolean;
  noRecordsText: string;
}

export function IncidentsTable({ incidents, fetching, noRecordsText }: Props) {
  const now = Date.now();
  return (
    <DataTable<IncidentView>
      withTableBorder
      borderRadius="sm"
      highlightOnHover
      verticalAlign="top"
      records={incidents}
      fetching={fetching}
      minHeight={incidents.length === 0 ? 160 : undefined}
      noRecordsText={noRecordsText}
      aria-label="Incidents"
      columns={[
        {
          accessor: "title",
          title: "Incident",
          render: (i) => (
            <Stack gap={0}>
              <Anchor component={Link} to={`/incidents/${i.id}`} size="sm" fw={500}>
                {i.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {i.subject}
              </Text>
            </Stack>
          ),
        },
        {
          accessor: "severity",
          title: "Severity",
          width: 110,
          render: (i) => <StateBadge kind="severity" state={i.severity} />,
        },
        {
          accessor: "status",
          title: "Status",
          width: 150,
          render: (i) => <StateBadge kind="incident" state={i.status} />,
        },
        {
          accessor: "openedAt",
          title: "Opened",
          noWrap: true,
          render: (i) => <RelativeTime iso={i.openedAt} />,
        },
        {
          accessor: "duration",
          title: "Duration",
          noWrap: true,
          render: (i) => (
            <Text size="sm" span>
              {formatDuration(incidentDurationMs(i, now))}
              {!i.resolvedAt && (
                <Text span size="xs" c="dimmed">
                  {" "}
                  so far
                </Text>
              )}
            </Text>
          ),
        },
        {
          accessor: "assignee",
          title: "Owner",
          render: (i) =>
            i.assignee ? (
              <Text size="sm">{i.assignee.email ?? "A former member"}</Text>
            ) : (
              <Text size="sm" c="dimmed">
                Unassigned
              </Text>
            ),
        },
      ]}
    />
  );
}
