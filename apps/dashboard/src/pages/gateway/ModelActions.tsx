import { ActionIcon, Code, Group, Modal, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { type CatalogueModel, useDeleteModel, useUpdateModel } from "../../api/models.ts";
import { ConfirmModal } from "../../components/ConfirmModal.tsx";
import { ModelForm } from "./ModelForm.tsx";
import { modelChanges } from "./model-form.ts";

/** Edit and delete one catalogue entry. */
export function ModelActions({ orgId, model }: { orgId: string; model: CatalogueModel }) {
  const [open, setOpen] = useState<"edit" | "delete" | null>(null);
  const update = useUpdateModel(orgId);
  const remove = useDeleteModel(orgId);
  const close = () => {
    setOpen(null);
    update.reset();
    remove.reset();
  };
  const onDelete = () =>
    remove.mutate(model.id, {
      onSuccess: () => {
        close();
        notifications.show({ color: "teal", message: `Model ${model.publicId} deleted.` });
      },
    });
  return (
    <>
      <Group gap={4} justify="flex-end" wrap="nowrap">
        <Tooltip label="Edit" withArrow>
          <ActionIcon
            variant="subtle"
            aria-label={`Edit model ${model.publicId}`}
            onClick={() => setOpen("edit")}
          >
            <IconPencil size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Delete" withArrow>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Delete model ${model.publicId}`}
            onClick={() => setOpen("delete")}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Modal
        opened={open === "edit"}
        onClose={close}
        title={`Edit ${model.publicId}`}
        size="xl"
        centered
      >
        <ModelForm
          initial={model}
          submitLabel="Save changes"
          failureTitle="Could not save the model"
          onCancel={close}
          submit={async (input) => {
            const changes = modelChanges(model, input);
            if (Object.keys(changes).length > 0) {
              await update.mutateAsync({ modelId: model.id, input: changes });
            }
            close();
            notifications.show({ color: "teal", message: `Model ${input.publicId} saved.` });
          }}
        />
      </Modal>
      <ConfirmModal
        opened={open === "delete"}
        title={`Delete ${model.publicId}?`}
        confirmLabel="Delete model"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={onDelete}
        onClose={close}
      >
        <Text size="sm">
          Customers calling <Code>{model.publicId}</Code> get 404 model_not_found from now on (every
          gateway replica within 2 seconds). Its usage history stays. To pause it instead, edit it
          and set it to Disabled.
        </Text>
      </ConfirmModal>
    </>
  );
}
