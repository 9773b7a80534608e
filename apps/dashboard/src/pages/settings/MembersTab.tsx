import { can } from "@edgeplane/contracts";
import { Paper, Stack, Title } from "@mantine/core";
import { useState } from "react";
import { useMembers } from "../../api/members.ts";
import type { Membership } from "../../api/types.ts";
import { useAuth } from "../../auth/AuthProvider.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";
import { InvitationsTable } from "./InvitationsTable.tsx";
import { InviteForm } from "./InviteForm.tsx";
import { MembersTable } from "./MembersTable.tsx";

export interface ActionFailure {
  title: string;
  error: unknown;
}

/** Members and open invitations; actions a role cannot take are not shown. */
export function MembersTab({ membership }: { membership: Membership }) {
  const { org, role } = membership;
  const { session } = useAuth();
  const members = useMembers(org.id);
  const manage = can(role, "members.manage");
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  if (members.isPending) return <TableSkeleton rows={3} />;
  if (members.isError) {
    return (
      <ProblemAlert
        error={members.error}
        title="Could not load members"
        onRetry={() => void members.refetch()}
      />
    );
  }
  return (
    <Stack gap="xl">
      {failure && (
        <ProblemAlert
          error={failure.error}
          title={failure.title}
          onClose={() => setFailure(null)}
        />
      )}
      {manage && (
        <Paper withBorder p="md">
          <Title order={2} fz="md" mb="sm">
            Invite a member
          </Title>
          <InviteForm orgId={org.id} myRole={role} />
        </Paper>
      )}
      <section aria-labelledby="members-heading">
        <Title order={2} fz="md" mb="sm" id="members-heading">
          Members
        </Title>
        <MembersTable
          orgId={org.id}
          myRole={role}
          myUserId={session?.user.id ?? ""}
          members={members.data.members}
          fetching={members.isFetching}
          onFailure={setFailure}
        />
      </section>
      <section aria-labelledby="invitations-heading">
        <Title order={2} fz="md" mb="sm" id="invitations-heading">
          Open invitations
        </Title>
        <InvitationsTable
          orgId={org.id}
          manage={manage}
          invitations={members.data.invitations}
          onFailure={setFailure}
        />
      </section>
    </Stack>
  );
}
