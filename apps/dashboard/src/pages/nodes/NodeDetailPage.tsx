import { can } from "@edgeplane/contracts";
import { Alert, Anchor, Card, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import { useNode } from "../../api/nodes.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";
import { useOrg } from "../../org/use-org.ts";
import { NodeActions } from "./NodeActions.tsx";
import { NodeHealthCard } from "./NodeHealthCard.tsx";
import { NodeKeysSection } from "./NodeKeysSection.tsx";
import { NodeSummary } from "./NodeSummary.tsx";

/** One node: its health, registry entry, labels and keys. */
export function NodeDetailPage() {
  const { org, role } = useOrg();
  const { nodeId = "" } = useParams();
  const node = useNode(org.id, nodeId);
  const back = (
    <Anchor component={Link} to="/nodes" size="sm">
      Nodes
    </Anchor>
  );
  if (node.isPending) {
    return (
      <>
        <PageHeader title="Node" purpose={back} />
        <TableSkeleton rows={6} />
      </>
    );
  }
  if (node.isError) {
    return (
      <>
        <PageHeader title="Node" purpose={back} />
        <ProblemAlert
          error={node.error}
          title="Could not load the node"
          onRetry={() => void node.refetch()}
        />
      </>
    );
  }
  const n = node.data;
  return (
    <>
      <PageHeader
        title={n.name}
        purpose={
          <>
            {back} · on {n.siteName}
          </>
        }
        action={can(role, "nodes.write") ? <NodeActions orgId={org.id} node={n} /> : undefined}
      />
      <Stack gap="lg">
        {n.capacityWarning && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle />}
            title="Over the site's power capacity"
          >
            <Text size="sm">{n.capacityWarning}</Text>
          </Alert>
        )}
        <NodeHealthCard orgId={org.id} nodeId={n.id} role={role} />
        <Card withBorder padding="lg" maw={880}>
          <Title order={2} fz="md" mb="md">
            Details
          </Title>
          <NodeSummary node={n} withLabels />
        </Card>
        <NodeKeysSection orgId={org.id} nodeId={n.id} manage={can(role, "nodeKeys.write")} />
      </Stack>
    </>
  );
}
