import { defaultKeyGraceSeconds } from "@edgeplane/contracts";
import {
  ActionIcon,
  Box,
  Button,
  Code,
  Group,
  NumberInput,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconBan, IconRefresh } from "@tabler/icons-react";
import { useState } from "react";
import type { NodeKey, RotatedNodeKey } from "../../api/fleet-types.ts";
import { useRevokeNodeKey, useRotateNodeKey } from "../../api/node-keys.ts";
import { ConfirmModal } from "../../components/ConfirmModal.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { SecretModal } from "./SecretModal.tsx";

/** Rotate and revoke for one active key. */
export function KeyActions({ orgId, nodeKey }: { orgId: string; nodeKey: NodeKey }) {
  const [open, setOpen] = useState<"rotate" | "revoke" | null>(null);
  const revoke = useRevokeNodeKey(orgId);
  const close = () => {
    setOpen(null);
    revoke.reset();
  };
  const label = nodeKey.name ? `${nodeKey.name} (${nodeKey.start})` : nodeKey.start;
  return (
    <>
      <Group gap={4} justify="flex-end" wrap="nowrap">
        <Tooltip label="Rotate" withArrow>
          <ActionIcon
            variant="subtle"
            aria-label={`Rotate key ${nodeKey.start}`}
            onClick={() => setOpen("rotate")}
          >
            <IconRefresh size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Revoke" withArrow>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Revoke key ${nodeKey.start}`}
            onClick={() => setOpen("revoke")}
          >
            <IconBan size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {open === "rotate" && <RotateModal orgId={orgId} nodeKey={nodeKey} onClose={close} />}
      <ConfirmModal
        opened={open === "revoke"}
        title="Revoke node key?"
        confirmLabel="Revoke key"
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate(nodeKey, { onSuccess: close })}
        onClose={close}
      >
        <Text size="sm">
          The agent of <b>{nodeKey.node.name}</b> using <Code>{label}</Code> is refused within a
          second. This cannot be undone; the node needs a new key to report again.
        </Text>
      </ConfirmModal>
    </>
  );
}

function RotateModal({
  orgId,
  nodeKey,
  onClose,
}: {
  orgId: string;
  nodeKey: NodeKey;
  onClose: () => void;
}) {
  const rotate = useRotateNodeKey(orgId);
  const [hours, setHours] = useState<number | string>(defaultKeyGraceSeconds / 3600);
  const [issued, setIssued] = useState<RotatedNodeKey | null>(null);
  const graceHours = typeof hours === "number" ? hours : Number.NaN;
  const valid = Number.isFinite(graceHours) && graceHours >= 0 && graceHours <= 720;
  const submit = () =>
    rotate.mutate(
      { key: nodeKey, input: { gracePeriodSeconds: Math.round(graceHours * 3600) } },
      { onSuccess: setIssued },
    );
  const form = (
    <Stack gap="md">
      <Text size="sm">
        A new key replaces <Code>{nodeKey.start}</Code> of <b>{nodeKey.node.name}</b>. The old key
        keeps working for the grace period, so the agent can be switched without a gap.
      </Text>
      <NumberInput
        label="Grace period (hours)"
        description="How long the old key keeps working; 0 ends it now (at most 720 h)"
        min={0}
        max={720}
        decimalScale={2}
        value={hours}
        onChange={setHours}
        error={valid ? undefined : "Between 0 and 720 hours"}
      />
      {rotate.isError && <ProblemAlert error={rotate.error} title="Could not rotate the key" />}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={submit} loading={rotate.isPending} disabled={!valid}>
          Rotate key
        </Button>
      </Group>
    </Stack>
  );
  return (
    <SecretModal
      opened
      title="Rotate node key"
      form={form}
      issued={issued}
      note={
        issued && (
          <Box>
            <Text size="sm">
              The old key <Code>{nodeKey.start}</Code> stops working{" "}
              <RelativeTime iso={issued.previous.expiresAt} />.
            </Text>
          </Box>
        )
      }
      onClose={onClose}
    />
  );
}
