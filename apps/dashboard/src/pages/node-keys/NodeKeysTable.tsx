import { Anchor, Code, Text, VisuallyHidden } from "@mantine/core";
import { DataTable, type DataTableColumn } from "mantine-datatable";
import { Link } from "react-router";
import type { NodeKey } from "../../api/fleet-types.ts";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { KeyActions } from "./KeyActions.tsx";

interface Props {
  orgId: string;
  keys: NodeKey[];
  fetching: boolean;
  noRecordsText: string;
  /** Rotate and revoke, for roles that may. */
  manage: boolean;
  /** On a node's page every key is that node's. */
  hideNode?: boolean;
}

/** Node keys by their prefix; the secret is never in a list. */
export function NodeKeysTable({ orgId, keys, fetching, noRecordsText, manage, hideNode }: Props) {
  const columns: DataTableColumn<NodeKey>[] = [
    {
      accessor: "start",
      title: "Key prefix",
      noWrap: true,
      render: (k) => <Code fz="sm">{k.start}…</Code>,
    },
    {
      accessor: "name",
      title: "Name",
      render: (k) =>
        k.name ?? (
          <Text size="sm" c="dimmed" span>
            unnamed
          </Text>
        ),
    },
    {
      accessor: "node.name",
      title: "Node",
      noWrap: true,
      hidden: hideNode,
      render: (k) => (
        <Anchor component={Link} to={`/nodes/${k.nodeId}`} size="sm">
          {k.node.name}
        </Anchor>
      ),
    },
    {
      accessor: "createdAt",
      title: "Created",
      noWrap: true,
      render: (k) => <RelativeTime iso={k.createdAt} />,
    },
    {
      accessor: "lastUsedAt",
      title: "Last used",
      noWrap: true,
      render: (k) => <RelativeTime iso={k.lastUsedAt} />,
    },
    {
      accessor: "expiresAt",
      title: "Expires",
      noWrap: true,
      render: (k) =>
        k.revokedAt ? (
          <Text size="sm" c="dimmed" span>
            revoked <RelativeTime iso={k.revokedAt} />
          </Text>
        ) : k.expiresAt ? (
          <Text size="sm" span>
            <RelativeTime iso={k.expiresAt} />
            {k.replacedById && (
              <Text size="xs" c="dimmed" span>
                {" "}
                (rotated)
              </Text>
            )}
          </Text>
        ) : (
          <Text size="sm" c="dimmed" span>
            never
          </Text>
        ),
    },
    {
      accessor: "state",
      title: "State",
      width: 110,
      render: (k) => <StateBadge kind="key" state={k.state} />,
    },
    {
      accessor: "actions",
      title: <VisuallyHidden>Actions</VisuallyHidden>,
      textAlign: "right",
      width: 90,
      hidden: !manage,
      render: (k) => (k.state === "active" ? <KeyActions orgId={orgId} nodeKey={k} /> : null),
    },
  ];
  return (
    <DataTable<NodeKey>
      withTableBorder
      borderRadius="sm"
      highlightOnHover
      records={keys}
      fetching={fetching}
      minHeight={keys.length === 0 ? 160 : undefined}
      noRecordsText={noRecordsText}
      columns={columns}
    />
  );
}
