import { Anchor, Code, Text } from "@mantine/core";
import { DataTable, type DataTableColumn } from "mantine-datatable";
import { Link } from "react-router";
import type { FleetNode } from "../../api/fleet-types.ts";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { acceleratorLabel } from "../../lib/node-form.ts";
import { formatMs, formatW } from "../../lib/units.ts";

interface Props {
  nodes: FleetNode[];
  fetching: boolean;
  noRecordsText: string;
  /** On a site's page every node is on that site. */
  hideSite?: boolean;
}

export function NodesTable({ nodes, fetching, noRecordsText, hideSite }: Props) {
  const columns: DataTableColumn<FleetNode>[] = [
    {
      accessor: "name",
      title: "Name",
      noWrap: true,
      render: (n) => (
        <Anchor component={Link} to={`/nodes/${n.id}`} size="sm" fw={500}>
          {n.name}
        </Anchor>
      ),
    },
    {
      accessor: "externalId",
      title: "External ID",
      noWrap: true,
      render: (n) => <Code>{n.externalId}</Code>,
    },
    {
      accessor: "siteName",
      title: "Site",
      hidden: hideSite,
      render: (n) => (
        <Anchor component={Link} to={`/sites/${n.siteId}`} size="sm">
          {n.siteName}
        </Anchor>
      ),
    },
    {
      accessor: "acceleratorType",
      title: "Accelerator",
      render: (n) => acceleratorLabel(n.acceleratorType),
    },
    { accessor: "gpuCount", title: "GPUs", textAlign: "right" },
    {
      accessor: "powerDrawW",
      title: "Power",
      textAlign: "right",
      noWrap: true,
      render: (n) => formatW(n.powerDrawW),
    },
    {
      accessor: "latencyEstimateMs",
      title: "Latency",
      textAlign: "right",
      noWrap: true,
      render: (n) => (
        <Text size="sm" span c={n.latencyEstimateMs === null ? "dimmed" : undefined}>
          {formatMs(n.latencyEstimateMs)}
        </Text>
      ),
    },
    {
      accessor: "status",
      title: "Status",
      width: 140,
      render: (n) => <StateBadge kind="node" state={n.status} />,
    },
    {
      accessor: "lastSeenAt",
      title: "Last seen",
      noWrap: true,
      render: (n) => <RelativeTime iso={n.lastSeenAt} />,
    },
  ];
  return (
    <DataTable<FleetNode>
      withTableBorder
      borderRadius="sm"
      highlightOnHover
      records={nodes}
      fetching={fetching}
      minHeight={nodes.length === 0 ? 160 : undefined}
      noRecordsText={noRecordsText}
      columns={columns}
    />
  );
}
