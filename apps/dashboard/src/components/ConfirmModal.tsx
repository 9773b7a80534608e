import { Button, Group, Modal, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { ProblemAlert } from "./ProblemAlert.tsx";

interface Props {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  loading: boolean;
  /** The failed attempt, shown in the modal with its request id. */
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before a destructive action and shows why it failed, without closing. */
export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  color = "red",
  loading,
  error,
  onConfirm,
  onClose,
}: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="md">
        {children}
        {error ? (
          <ProblemAlert error={error} title={`Could not ${confirmLabel.toLowerCase()}`} />
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={color} loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
