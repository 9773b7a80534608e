import { Button, Group, Title } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { useState } from "react";
import type { IssuedNodeKey } from "../../api/fleet-types.ts";
import { useNodeKeys } from "../../api/node-keys.ts";
import { LoadMore } from "../../components/LoadMore.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";
import { IssueKeyForm } from "../node-keys/IssueKeyForm.tsx";
import { NodeKeysTable } from "../node-keys/NodeKeysTable.tsx";
import { SecretModal } from "../node-keys/SecretModal.tsx";

interface Props {
  orgId: string;
  nodeId: string;
  manage: boolean;
}

/** A node's keys, with Generate key, rotate and revoke for roles that may. */
export function NodeKeysSection({ orgId, nodeId, manage }: Props) {
  const keys = useNodeKeys(orgId, { nodeId });
  const [generating, setGenerating] = useState(false);
  const [issued, setIssued] = useState<IssuedNodeKey | null>(null);
  const rows = keys.data?.pages.flatMap((p) => p.items) ?? [];
  const close = () => {
    setGenerating(false);
    setIssued(null);
  };
  return (
    <section aria-labelledby="node-keys">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="md" id="node-keys">
          Node API keys
        </Title>
        {manage && (
          <Button size="xs" leftSection={<IconKey size={14} />} onClick={() => setGenerating(true)}>
            Generate key
          </Button>
        )}
      </Group>
      {keys.isPending ? (
        <TableSkeleton rows={2} />
      ) : keys.isError ? (
        <ProblemAlert
          error={keys.error}
          title="Could not load the keys"
          onRetry={() => void keys.refetch()}
        />
      ) : (
        <>
          <NodeKeysTable
            orgId={orgId}
            keys={rows}
            hideNode
            manage={manage}
            fetching={keys.isFetching && !keys.isFetchingNextPage}
            noRecordsText="No keys yet. Generate one for the node agent."
          />
          <LoadMore
            shown={rows.length}
            total={keys.data.pages[0]?.total ?? 0}
            noun={["key", "keys"]}
            hasMore={keys.hasNextPage}
            loading={keys.isFetchingNextPage}
            onLoadMore={() => void keys.fetchNextPage()}
          />
        </>
      )}
      {generating && (
        <SecretModal
          opened
          title="Generate node API key"
          issued={issued}
          form={
            <IssueKeyForm
              orgId={orgId}
              nodeId={nodeId}
              submitLabel="Generate key"
              onIssued={setIssued}
            />
          }
          onClose={close}
        />
      )}
    </section>
  );
}
