import { can, type Role, roleLabels, roleSchema } from "@edgeplane/contracts";
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Text,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { DataTable } from "mantine-datatable";
import { useState } from "react";
import { isApiError } from "../../api/client.ts";
import { useChangeRole, useRemoveMember } from "../../api/members.ts";
import type { Member } from "../../api/types.ts";
import { useClientPage } from "../../components/client-page.ts";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import type { ActionFailure } from "./MembersTab.tsx";
import { roleOptions } from "./role-options.ts";

interface Props {
  orgId: string;
  myRole: Role;
  myUserId: string;
  members: Member[];
  fetching: boolean;
  onFailure: (f: ActionFailure | null) => void;
}

/** The last-owner rule in words, whichever action ran into it. */
function failureTitle(err: unknown, fallback: string): string {
  if (isApiError(err) && err.code === "last_owner") {
    return "An organization needs an owner: make another member owner first";
  }
  return fallback;
}

export function MembersTable({ orgId, myRole, myUserId, members, fetching, onFailure }: Props) {
  const manage = can(myRole, "members.manage");
  const changeRole = useChangeRole(orgId);
  const remove = useRemoveMember(orgId);
  const paged = useClientPage(members);
  const [removing, setRemoving] = useState<Member | null>(null);
  // Only an owner may change or remove an owner.
  const canTouch = (m: Member) => manage && (m.role !== "owner" || myRole === "owner");

  const onRole = (m: Member, role: string | null) => {
    const parsed = roleSchema.safeParse(role);
    if (!parsed.success || parsed.data === m.role) return;
    onFailure(null);
    changeRole.mutate(
      { userId: m.userId, role: parsed.data },
      {
        onError: (error) =>
          onFailure({
            title: failureTitle(error, `Could not change the role of ${m.email}`),
            error,
          }),
      },
    );
  };
  const onRemove = (m: Member) => {
    onFailure(null);
    remove.mutate(m.userId, {
      onSettled: () => setRemoving(null),
      onError: (error) =>
        onFailure({ title: failureTitle(error, `Could not remove ${m.email}`), error }),
    });
  };

  return (
    <>
      <DataTable<Member>
        withTableBorder
        borderRadius="sm"
        highlightOnHover
        idAccessor="userId"
        {...paged}
        fetching={fetching}
        minHeight={members.length === 0 ? 160 : undefined}
        noRecordsText="No members yet. Invite your team above."
        columns={[
          {
            accessor: "email",
            title: "Member",
            render: (m) => (
              <Group gap={6} wrap="wrap">
                <Text size="sm">{m.email}</Text>
                {m.userId === myUserId && (
                  <Badge size="xs" variant="light">
                    You
                  </Badge>
                )}
              </Group>
            ),
          },
          {
            accessor: "role",
            title: "Role",
            width: 230,
            render: (m) =>
              canTouch(m) ? (
                <Select
                  size="xs"
                  aria-label={`Role of ${m.email}`}
                  data={roleOptions(myRole)}
                  value={m.role}
                  allowDeselect={false}
                  disabled={changeRole.isPending}
                  onChange={(v) => onRole(m, v)}
                />
              ) : (
                <Badge variant="light" color={m.role === "owner" ? "blue" : "gray"}>
                  {roleLabels[m.role]}
                </Badge>
              ),
          },
          {
            accessor: "joinedAt",
            title: "Joined",
            render: (m) => <RelativeTime iso={m.joinedAt} />,
          },
          {
            accessor: "lastSignInAt",
            title: "Last sign-in",
            render: (m) => <RelativeTime iso={m.lastSignInAt} />,
          },
          {
            accessor: "actions",
            title: <VisuallyHidden>Actions</VisuallyHidden>,
            textAlign: "right",
            width: 70,
            hidden: !manage,
            render: (m) =>
              canTouch(m) ? (
                <Tooltip label={`Remove ${m.email}`} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${m.email}`}
                    onClick={() => setRemoving(m)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              ) : null,
          },
        ]}
      />
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title="Remove member"
        centered
      >
        <Text size="sm">
          Remove <b>{removing?.email}</b> from this organization? They lose access at once; you can
          invite them again later.
        </Text>
        <Group justify="flex-end" mt="lg" gap="sm">
          <Button variant="default" onClick={() => setRemoving(null)}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => removing && onRemove(removing)}
          >
            Remove member
          </Button>
        </Group>
      </Modal>
    </>
  );
}
