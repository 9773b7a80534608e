import { roleLabels } from "@edgeplane/contracts";
import { Badge, Button, Text, VisuallyHidden } from "@mantine/core";
import { DataTable } from "mantine-datatable";
import { useRevokeInvitation } from "../../api/members.ts";
import type { Invitation } from "../../api/types.ts";
import { useClientPage } from "../../components/client-page.ts";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import type { ActionFailure } from "./MembersTab.tsx";

interface Props {
  orgId: string;
  manage: boolean;
  invitations: Invitation[];
  onFailure: (f: ActionFailure | null) => void;
}

export function InvitationsTable({ orgId, manage, invitations, onFailure }: Props) {
  const revoke = useRevokeInvitation(orgId);
  const paged = useClientPage(invitations);
  const onRevoke = (inv: Invitation) => {
    onFailure(null);
    revoke.mutate(inv.id, {
      onError: (error) =>
        onFailure({ title: `Could not revoke the invitation for ${inv.email}`, error }),
    });
  };
  return (
    <DataTable<Invitation>
      withTableBorder
      borderRadius="sm"
      {...paged}
      minHeight={invitations.length === 0 ? 140 : undefined}
      noRecordsText={
        manage
          ? "No open invitations. Invite a teammate with the form above."
          : "No open invitations. Owners and admins can invite teammates."
      }
      columns={[
        { accessor: "email", title: "Email" },
        {
          accessor: "role",
          title: "Role",
          render: (inv) => (
            <Badge variant="light" color="gray">
              {roleLabels[inv.role]}
            </Badge>
          ),
        },
        {
          accessor: "invitedBy",
          title: "Invited by",
          render: (inv) => <Text size="sm">{inv.invitedBy ?? "—"}</Text>,
        },
        {
          accessor: "createdAt",
          title: "Sent",
          render: (inv) => <RelativeTime iso={inv.createdAt} />,
        },
        {
          accessor: "actions",
          title: <VisuallyHidden>Actions</VisuallyHidden>,
          textAlign: "right",
          hidden: !manage,
          render: (inv) => (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              aria-label={`Revoke invitation for ${inv.email}`}
              loading={revoke.isPending && revoke.variables === inv.id}
              onClick={() => onRevoke(inv)}
            >
              Revoke
            </Button>
          ),
        },
      ]}
    />
  );
}
