import type { CreateOrgInput, UpdateOrgInput } from "@edgeplane/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import { meKey } from "./account.ts";
import type { Me, Org } from "./types.ts";

export function useCreateOrg() {
  const { api, session } = useAuth();
  const queryClient = useQueryClient();
  const key = meKey(session?.user.id);
  return useMutation({
    mutationFn: (input: CreateOrgInput) => api.post<Org>("/api/orgs", input),
    onSuccess: (org) => {
      // The creator is the owner; show it in the switcher before the refetch answers.
      queryClient.setQueryData<Me>(key, (me) =>
        me ? { ...me, memberships: [...me.memberships, { org, role: "owner" }] } : me,
      );
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

export function useUpdateOrg(orgId: string) {
  const { api, session } = useAuth();
  const queryClient = useQueryClient();
  const key = meKey(session?.user.id);
  return useMutation({
    mutationFn: (input: UpdateOrgInput) => api.patch<Org>(`/api/orgs/${orgId}`, input),
    onSuccess: (org) => {
      queryClient.setQueryData<Me>(key, (me) =>
        me
          ? {
              ...me,
              memberships: me.memberships.map((m) => (m.org.id === org.id ? { ...m, org } : m)),
            }
          : me,
      );
      void queryClient.invalidateQueries({ queryKey: ["org", orgId, "audit"] });
    },
  });
}
