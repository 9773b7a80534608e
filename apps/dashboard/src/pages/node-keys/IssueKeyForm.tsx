import { Box, Button, Group, Select, TextInput } from "@mantine/core";
import { useState } from "react";
import type { IssuedNodeKey } from "../../api/fleet-types.ts";
import { useCreateNodeKey } from "../../api/node-keys.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { expiresAt, expiryOptions } from "./expiry.ts";

interface Props {
  orgId: string;
  nodeId: string;
  submitLabel: string;
  onIssued: (issued: IssuedNodeKey) => void;
}

/** Name and lifetime of a new node key; the secret goes to `onIssued` and nowhere else. */
export function IssueKeyForm({ orgId, nodeId, submitLabel, onIssued }: Props) {
  const create = useCreateNodeKey(orgId);
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState<string | null>("never");
  const issue = () =>
    create.mutate(
      {
        nodeId,
        input: { name: name.trim() || undefined, expiresAt: expiresAt(expiry) },
      },
      { onSuccess: onIssued },
    );
  return (
    <>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Key name"
          description="Optional, e.g. where it is installed"
          placeholder="agent on gpu-node-01"
          maxLength={80}
          w={{ base: "100%", sm: 280 }}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Select
          label="Expires"
          data={expiryOptions}
          allowDeselect={false}
          w={{ base: "100%", sm: 160 }}
          value={expiry}
          onChange={setExpiry}
        />
        <Button onClick={issue} loading={create.isPending}>
          {submitLabel}
        </Button>
      </Group>
      {create.isError && (
        <Box mt="md">
          <ProblemAlert error={create.error} title="Could not generate the key" />
        </Box>
      )}
    </>
  );
}
