import { can, type Role } from "@edgeplane/contracts";
import { Button, Group, Modal, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArchive, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { Site } from "../../api/fleet-types.ts";
import { useDeleteSite, useUpdateSite } from "../../api/sites.ts";
import { ConfirmModal } from "../../components/ConfirmModal.tsx";
import { SiteForm } from "./SiteForm.tsx";

type Open = "edit" | "retire" | "reactivate" | "delete" | null;

/** Register a node here, edit, retire (or reactivate) and delete, for roles that may. */
export function SiteActions({ orgId, role, site }: { orgId: string; role: Role; site: Site }) {
  const [open, setOpen] = useState<Open>(null);
  const update = useUpdateSite(orgId, site.id);
  const remove = useDeleteSite(orgId, site.id);
  const navigate = useNavigate();
  const close = () => {
    setOpen(null);
    update.reset();
    remove.reset();
  };
  const retired = site.status === "retired";
  const setStatus = (status: Site["status"], message: string) =>
    update.mutate(
      { status },
      {
        onSuccess: () => {
          close();
          notifications.show({ color: "teal", message });
        },
      },
    );
  const onDelete = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        notifications.show({ color: "teal", message: `Site ${site.name} deleted.` });
        navigate("/sites");
      },
    });

  const nodesWrite = can(role, "nodes.write") && !retired;
  const sitesWrite = can(role, "sites.write");
  if (!nodesWrite && !sitesWrite) return null;
  return (
    <>
      <Group gap="xs">
        {nodesWrite && (
          <Button
            component={Link}
            to={`/onboarding/node?site=${encodeURIComponent(site.id)}`}
            leftSection={<IconPlus size={16} />}
          >
            Register node here
          </Button>
        )}
        {sitesWrite && (
          <>
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => setOpen("edit")}
            >
              Edit
            </Button>
            {retired ? (
              <Button variant="default" onClick={() => setOpen("reactivate")}>
                Reactivate
              </Button>
            ) : (
              <Button
                variant="default"
                leftSection={<IconArchive size={16} />}
                onClick={() => setOpen("retire")}
              >
                Retire
              </Button>
            )}
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setOpen("delete")}
            >
              Delete
            </Button>
          </>
        )}
      </Group>
      <Modal
        opened={open === "edit"}
        onClose={close}
        title={`Edit ${site.name}`}
        size="xl"
        centered
      >
        <SiteForm
          initial={site}
          withStatus
          submitLabel="Save changes"
          failureTitle="Could not save the site"
          submit={(input) =>
            update.mutateAsync(input).then(() => {
              close();
              notifications.show({ color: "teal", message: `Site ${input.name} saved.` });
            })
          }
          onCancel={close}
        />
      </Modal>
      <ConfirmModal
        opened={open === "retire"}
        title={`Retire ${site.name}?`}
        confirmLabel="Retire site"
        color="orange"
        loading={update.isPending}
        error={update.error}
        onConfirm={() => setStatus("retired", `Site ${site.name} retired.`)}
        onClose={close}
      >
        <Text size="sm">
          Its {site.nodeCount} {site.nodeCount === 1 ? "node stays" : "nodes stay"} registered, but
          no new nodes can be added to a retired site. You can reactivate it later.
        </Text>
      </ConfirmModal>
      <ConfirmModal
        opened={open === "reactivate"}
        title={`Reactivate ${site.name}?`}
        confirmLabel="Reactivate site"
        color="blue"
        loading={update.isPending}
        error={update.error}
        onConfirm={() => setStatus("active", `Site ${site.name} is active again.`)}
        onClose={close}
      >
        <Text size="sm">The site becomes active and takes new nodes again.</Text>
      </ConfirmModal>
      <ConfirmModal
        opened={open === "delete"}
        title={`Delete ${site.name}?`}
        confirmLabel="Delete site"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={onDelete}
        onClose={close}
      >
        <Text size="sm">
          Deleting removes the site for good. A site with nodes cannot be deleted: move or delete
          its nodes, or retire the site instead.
        </Text>
      </ConfirmModal>
    </>
  );
}
