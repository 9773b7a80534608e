import { Button, Group, Modal, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { FleetNode } from "../../api/fleet-types.ts";
import { useDeleteNode, useUpdateNode } from "../../api/nodes.ts";
import { useSiteOptions } from "../../api/sites.ts";
import { ConfirmModal } from "../../components/ConfirmModal.tsx";
import { NodeForm } from "./NodeForm.tsx";

/** Edit (labels included) and delete, for roles that may. */
export function NodeActions({ orgId, node }: { orgId: string; node: FleetNode }) {
  const [open, setOpen] = useState<"edit" | "delete" | null>(null);
  const sites = useSiteOptions(orgId);
  const update = useUpdateNode(orgId, node.id);
  const remove = useDeleteNode(orgId, node.id);
  const navigate = useNavigate();
  const close = () => {
    setOpen(null);
    remove.reset();
  };
  return (
    <>
      <Group gap="xs">
        <Button
          variant="default"
          leftSection={<IconPencil size={16} />}
          onClick={() => setOpen("edit")}
        >
          Edit
        </Button>
        <Button
          variant="default"
          color="red"
          leftSection={<IconTrash size={16} />}
          onClick={() => setOpen("delete")}
        >
          Delete
        </Button>
      </Group>
      <Modal
        opened={open === "edit"}
        onClose={close}
        title={`Edit ${node.name}`}
        size="xl"
        centered
      >
        <NodeForm
          sites={sites.data?.items ?? []}
          initial={node}
          withLabels
          submitLabel="Save changes"
          failureTitle="Could not save the node"
          submit={(input) =>
            update.mutateAsync(input).then((saved) => {
              close();
              notifications.show({
                color: saved.capacityWarning ? "orange" : "teal",
                message: saved.capacityWarning ?? `Node ${saved.name} saved.`,
              });
            })
          }
          onCancel={close}
        />
      </Modal>
      <ConfirmModal
        opened={open === "delete"}
        title={`Delete ${node.name}?`}
        confirmLabel="Delete node"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notifications.show({ color: "teal", message: `Node ${node.name} deleted.` });
              navigate("/nodes");
            },
          })
        }
        onClose={close}
      >
        <Text size="sm">
          The node and all its keys are deleted; its agent is refused at once. Its site gets the
          power back.
        </Text>
      </ConfirmModal>
    </>
  );
}
