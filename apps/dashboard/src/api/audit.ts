import { useInfiniteQuery } from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import type { AuditPage } from "./types.ts";

const pageSize = 50;

/** Newest first; each "Load more" asks for the page before the oldest entry shown. */
export function useAuditLog(orgId: string, enabled: boolean) {
  const { api } = useAuth();
  return useInfiniteQuery({
    queryKey: ["org", orgId, "audit"],
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ limit: String(pageSize) });
      if (pageParam) q.set("before", pageParam);
      return api.get<AuditPage>(`/api/orgs/${orgId}/audit?${q}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}
