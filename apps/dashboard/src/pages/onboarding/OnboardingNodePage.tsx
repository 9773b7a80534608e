import { can, type Role } from "@edgeplane/contracts";
import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconBuildingPlus, IconKey } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { fleetKeys } from "../../api/fleet-cache.ts";
import type { FleetNode, IssuedNodeKey } from "../../api/fleet-types.ts";
import { useNodeKeys } from "../../api/node-keys.ts";
import { useNode, useRegisterNode } from "../../api/nodes.ts";
import { useSiteOptions } from "../../api/sites.ts";
import { ListEmpty } from "../../components/ListEmpty.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RoleNotice } from "../../components/RoleNotice.tsx";
import { SecretReveal } from "../../components/SecretReveal.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";
import { useOrg } from "../../org/use-org.ts";
import { IssueKeyForm } from "../node-keys/IssueKeyForm.tsx";
import { NodeForm } from "../nodes/NodeForm.tsx";
import { NodeSummary } from "../nodes/NodeSummary.tsx";
import { OnboardingSteps } from "./OnboardingSteps.tsx";

/**
 * Runbook step 04: register the node, then generate its API key. The registered node is in
 * the URL (a reload resumes at the key step); the secret only in this page's memory.
 */
export function OnboardingNodePage() {
  const { org, role } = useOrg();
  const [params, setParams] = useSearchParams();
  const nodeId = params.get("node");
  return (
    <>
      <PageHeader
        title="Register the first node"
        purpose="Add a GPU or inference node to the registry and generate its node API key for the agent."
      />
      <OnboardingSteps active={2} />
      {!can(role, "nodes.write") ? (
        <RoleNotice role={role} action="register nodes" />
      ) : nodeId ? (
        <KeyStep
          key={nodeId}
          orgId={org.id}
          nodeId={nodeId}
          role={role}
          onAnother={() => setParams({}, { replace: true })}
        />
      ) : (
        <RegisterStep
          orgId={org.id}
          presetSiteId={params.get("site")}
          onRegistered={(node) => setParams({ node: node.id }, { replace: true })}
        />
      )}
    </>
  );
}

interface RegisterProps {
  orgId: string;
  presetSiteId: string | null;
  onRegistered: (node: FleetNode) => void;
}

function RegisterStep({ orgId, presetSiteId, onRegistered }: RegisterProps) {
  const sites = useSiteOptions(orgId);
  const register = useRegisterNode(orgId);
  const queryClient = useQueryClient();
  if (sites.isPending) return <TableSkeleton rows={4} />;
  if (sites.isError) {
    return (
      <ProblemAlert
        error={sites.error}
        title="Could not load the sites"
        onRetry={() => void sites.refetch()}
      />
    );
  }
  const open = sites.data.items.filter((s) => s.status !== "retired");
  // The site just added, or the only one there is.
  const preset =
    open.find((s) => s.id === presetSiteId)?.id ?? (open.length === 1 ? open[0]?.id : null);
  // A cached list may predate the site just added: the form preselects once, so wait for it.
  const settling =
    sites.isFetching && (open.length === 0 || (presetSiteId && preset !== presetSiteId));
  if (settling) return <TableSkeleton rows={4} />;
  if (open.length === 0) {
    return (
      <ListEmpty
        icon={<IconBuildingPlus size={28} />}
        title="No sites yet"
        description="A node is registered on a site. Add your first site, then come back here."
        action={{ to: "/onboarding/site", label: "Add your first site" }}
      />
    );
  }
  return (
    <Card withBorder padding="lg" maw={880}>
      <Title order={2} fz="lg" mb="md">
        Node details
      </Title>
      <NodeForm
        sites={open}
        presetSiteId={preset}
        submitLabel="Register node"
        failureTitle="Could not register the node"
        submit={(input) =>
          register.mutateAsync(input).then((node) => {
            queryClient.setQueryData([...fleetKeys.nodes(orgId), "one", node.id], node);
            onRegistered(node);
          })
        }
      />
    </Card>
  );
}

interface KeyProps {
  orgId: string;
  nodeId: string;
  role: Role;
  onAnother: () => void;
}

function KeyStep({ orgId, nodeId, role, onAnother }: KeyProps) {
  const node = useNode(orgId, nodeId);
  const navigate = useNavigate();
  const [issued, setIssued] = useState<IssuedNodeKey | null>(null);
  const active = useNodeKeys(orgId, { nodeId, state: "active" });
  const activeKeys = active.data?.pages.flatMap((p) => p.items) ?? [];
  if (node.isPending) return <TableSkeleton rows={4} />;
  if (node.isError) {
    return (
      <ProblemAlert
        error={node.error}
        title="Could not load the node"
        onRetry={() => void node.refetch()}
      />
    );
  }
  const done = () => {
    setIssued(null);
    notifications.show({ color: "teal", message: `${node.data.name} is registered with its key.` });
    navigate("/nodes");
  };
  return (
    <Stack gap="lg" maw={880}>
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="md">
          <Title order={2} fz="lg">
            Node {node.data.name} is registered
          </Title>
          <Button variant="subtle" size="xs" onClick={onAnother} disabled={issued !== null}>
            Register another node
          </Button>
        </Group>
        {node.data.capacityWarning && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle />}
            title="Over the site's power capacity"
            mb="md"
          >
            <Text size="sm">{node.data.capacityWarning}</Text>
          </Alert>
        )}
        <NodeSummary node={node.data} />
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} fz="lg" mb={4}>
          Node API key
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          The node agent authenticates with this key to report telemetry. It is shown once.
        </Text>
        {!can(role, "nodeKeys.write") ? (
          <RoleNotice role={role} action="generate node keys" />
        ) : issued ? (
          <Stack gap="md">
            <SecretReveal secret={issued.secret} start={issued.key.start} />
            <Group>
              <Button onClick={done}>I have stored the secret</Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="md">
            {activeKeys.length > 0 && (
              <Alert
                color="blue"
                variant="light"
                icon={<IconKey />}
                title="This node already has a key"
              >
                <Text size="sm">
                  Active: {activeKeys.map((k) => k.start).join(", ")}. Its secret cannot be shown
                  again; generate another key only if it was lost, then revoke the old one under{" "}
                  <Anchor component={Link} to="/nodes/keys" size="sm">
                    Node keys
                  </Anchor>
                  .
                </Text>
              </Alert>
            )}
            <IssueKeyForm
              orgId={orgId}
              nodeId={nodeId}
              submitLabel="Generate node API key"
              onIssued={setIssued}
            />
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
