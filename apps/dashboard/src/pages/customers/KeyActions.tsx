import {
  ActionIcon,
  Box,
  Button,
  Code,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconBan, IconRefresh } from "@tabler/icons-react";
import { useState } from "react";
import {
  type CustomerKey,
  type RotatedCustomerKey,
  useRevokeCustomerKey,
  useRotateCustomerKey,
} from "../../api/customers.ts";
import { ConfirmModal } from "../../components/ConfirmModal.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { rotationExpiresAt, rotationExpiryOptions } from "../node-keys/expiry.ts";
import { KeySecretModal } from "./KeySecret.tsx";

const maxGraceHours = 720;

interface Props {
  orgId: string;
  customerKey: CustomerKey;
  /** The rotate dialog lives with the table: a key rotated with no grace leaves this row's actions. */
  onRotate: (k: CustomerKey) => void;
}

/** Rotate (unless already replaced) and revoke, for one active customer key. */
export function KeyActions({ orgId, customerKey, onRotate }: Props) {
  const [revoking, setRevoking] = useState(false);
  const revoke = useRevokeCustomerKey(orgId);
  const close = () => {
    setRevoking(false);
    revoke.reset();
  };
  const label = customerKey.name
    ? `${customerKey.name} (${customerKey.start}…)`
    : customerKey.start;
  return (
    <>
      <Group gap={4} justify="flex-end" wrap="nowrap">
        {customerKey.replacedById === null && (
          <Tooltip label="Rotate" withArrow>
            <ActionIcon
              variant="subtle"
              aria-label={`Rotate key ${customerKey.start}`}
              onClick={() => onRotate(customerKey)}
            >
              <IconRefresh size={16} />
            </ActionIcon>
          </Tooltip>
        )}
        <Tooltip label="Revoke" withArrow>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Revoke key ${customerKey.start}`}
            onClick={() => setRevoking(true)}
          >
            <IconBan size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <ConfirmModal
        opened={revoking}
        title="Revoke customer key?"
        confirmLabel="Revoke key"
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate(customerKey, { onSuccess: close })}
        onClose={close}
      >
        <Text size="sm">
          Requests from <b>{customerKey.customer.name}</b> with <Code>{label}</Code> are refused
          within a second. This cannot be undone; the customer needs a new key to call the gateway
          again.
        </Text>
      </ConfirmModal>
    </>
  );
}

/** Grace period, then the new secret once. */
export function RotateModal({
  orgId,
  customerKey,
  onClose,
}: {
  orgId: string;
  customerKey: CustomerKey;
  onClose: () => void;
}) {
  const rotate = useRotateCustomerKey(orgId);
  const [hours, setHours] = useState<number | string>(24);
  const [expiry, setExpiry] = useState<string | null>("same");
  const [issued, setIssued] = useState<RotatedCustomerKey | null>(null);
  const graceHours = typeof hours === "number" ? hours : Number.NaN;
  const valid = Number.isFinite(graceHours) && graceHours >= 0 && graceHours <= maxGraceHours;
  const submit = () =>
    rotate.mutate(
      {
        k: customerKey,
        input: {
          gracePeriodSeconds: Math.round(graceHours * 3600),
          expiresAt: rotationExpiresAt(expiry),
        },
      },
      { onSuccess: setIssued },
    );
  const form = (
    <Stack gap="md">
      <Text size="sm">
        A new key with the same models, limits, budget and placement replaces{" "}
        <Code>{customerKey.start}…</Code> of <b>{customerKey.customer.name}</b>. The old key keeps
        working for the grace period, so the customer can switch without a gap.
      </Text>
      <NumberInput
        label="Grace period (hours)"
        description={`How long the old key keeps working; 0 ends it now (at most ${maxGraceHours} h)`}
        min={0}
        max={maxGraceHours}
        decimalScale={2}
        value={hours}
        onChange={setHours}
        error={valid ? undefined : `Between 0 and ${maxGraceHours} hours`}
        data-autofocus
      />
      <Select
        label="New key expires"
        data={rotationExpiryOptions}
        allowDeselect={false}
        value={expiry}
        onChange={setExpiry}
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
    <KeySecretModal
      orgId={orgId}
      title="Rotate customer key"
      form={form}
      issued={issued}
      note={
        issued && (
          <Box>
            <Text size="sm">
              The old key <Code>{customerKey.start}…</Code> stops working{" "}
              <RelativeTime iso={issued.previous.expiresAt} />.
            </Text>
          </Box>
        )
      }
      onClose={onClose}
    />
  );
}
