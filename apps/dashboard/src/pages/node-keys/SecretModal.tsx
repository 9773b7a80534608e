import { Button, Group, Modal, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import type { IssuedNodeKey } from "../../api/fleet-types.ts";
import { SecretReveal } from "../../components/SecretReveal.tsx";

interface Props {
  opened: boolean;
  title: string;
  /** Until a key is issued: the form that issues it. */
  form: ReactNode;
  issued: IssuedNodeKey | null;
  /** Shown above the secret, e.g. when the old key stops working. */
  note?: ReactNode;
  onClose: () => void;
}

/** Issues a key, then shows its secret once; a click outside cannot throw the secret away. */
export function SecretModal({ opened, title, form, issued, note, onClose }: Props) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="xl"
      centered
      closeOnClickOutside={issued === null}
      closeOnEscape={issued === null}
      withCloseButton={issued === null}
    >
      {issued ? (
        <Stack gap="md">
          {note}
          <SecretReveal secret={issued.secret} start={issued.key.start} />
          <Group justify="flex-end">
            <Button onClick={onClose}>I have stored the secret</Button>
          </Group>
        </Stack>
      ) : (
        form
      )}
    </Modal>
  );
}
