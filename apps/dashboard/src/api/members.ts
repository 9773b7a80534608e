import type { InviteInput, Role } from "@edgeplane/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import { meKey } from "./account.ts";
import type { Invitation, MembersPage } from "./types.ts";

const membersKey = (orgId: string) => ["org", orgId, "members"] as const;

export function useMembers(orgId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: membersKey(orgId),
    queryFn: () => api.get<MembersPage>(`/api/orgs/${orgId}/members`),
  });
}

/** Every member change also lands in the audit log and may change your own role. */
function useRefresh(orgId: string) {
  const queryClient = useQueryClient();
  const { session } = useAuth();
  return () => {
    void queryClient.invalidateQueries({ queryKey: membersKey(orgId) });
    void queryClient.invalidateQueries({ queryKey: ["org", orgId, "audit"] });
    void queryClient.invalidateQueries({ queryKey: meKey(session?.user.id) });
  };
}

export function useInvite(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (input: InviteInput) =>
      api.post<Invitation>(`/api/orgs/${orgId}/invitations`, input),
    onSuccess: refresh,
  });
}

export function useRevokeInvitation(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (invitationId: string) =>
      api.delete(`/api/orgs/${orgId}/invitations/${encodeURIComponent(invitationId)}`),
    onSuccess: refresh,
  });
}

export function useChangeRole(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api.patch<{ userId: string; role: Role }>(`/api/orgs/${orgId}/members/${userId}`, { role }),
    onSettled: refresh,
  });
}

export function useRemoveMember(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/api/orgs/${orgId}/members/${userId}`),
    onSuccess: refresh,
  });
}
