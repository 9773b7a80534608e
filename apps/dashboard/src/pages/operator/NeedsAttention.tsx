import type { OperatorSummary } from "@edgeplane/contracts";
import { Anchor, Stack, Text } from "@mantine/core";
import { DataTable } from "mantine-datatable";
import { Link } from "react-router";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { severityStyles } from "../../lib/ops-states.ts";
import { attentionOrder } from "./ordering.ts";

type Row = OperatorSummary["needsAttention"][number];

/** Why a node is not online: every reason, in its severity's colour (GPUStack's users asked). */
function Why({ row }: { row: Row }) {
  if (row.reasons.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {row.status === "maintenance" ? "In maintenance" : "Never reported"}
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      {row.reasons.map((r) => (
        <Text key={r.code} size="sm" lh={1.35}>
          <Text
            span
            size="sm"
            fw={600}
            c={`var(--mantine-color-${severityStyles[r.severity].color}-text)`}
          >
            {severityStyles[r.severity].label}:
          </Text>{" "}
          {r.message}
          {r.clearingSince && (
            <Text span size="xs" c="dimmed">
              {" "}
              (clearing)
            </Text>
          )}
        </Text>
      ))}
    </Stack>
  );
}

export function NeedsAttention({ rows }: { rows: Row[] }) {
  return (
    <DataTable<Row>
      withTableBorder
      borderRadius="sm"
      verticalAlign="top"
      records={attentionOrder(rows)}
      idAccessor="nodeId"
      minHeight={rows.length === 0 ? 120 : undefined}
      noRecordsText="Every node that has reported is online."
      aria-label="Nodes that need attention"
      columns={[
        {
          accessor: "name",
          title: "Node",
          noWrap: true,
          render: (r) => (
            <Anchor component={Link} to={`/nodes/${r.nodeId}`} size="sm" fw={500}>
              {r.name}
            </Anchor>
          ),
        },
        {
          accessor: "siteName",
          title: "Site",
          render: (r) => (
            <Anchor component={Link} to={`/sites/${r.siteId}`} size="sm">
              {r.siteName}
            </Anchor>
          ),
        },
        {
          accessor: "status",
          title: "State",
          width: 130,
          render: (r) => <StateBadge kind="node" state={r.status} />,
        },
        { accessor: "reasons", title: "Why", render: (r) => <Why row={r} /> },
        {
          accessor: "since",
          title: "Since",
          noWrap: true,
          render: (r) => <RelativeTime iso={r.since} />,
        },
      ]}
    />
  );
}
