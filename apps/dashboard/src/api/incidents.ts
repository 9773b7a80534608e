import type {
  IncidentDetail,
  IncidentSeverity,
  IncidentStatus,
  IncidentView,
} from "@edgeplane/contracts";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import { livePollMs, opsKeys } from "./operations.ts";
import { toQuery } from "./query.ts";

// Shapes from packages/contracts/src/operations.ts, as apps/server/src/routes/api/incidents answers.

export interface IncidentPage {
  items: IncidentView[];
  /** Matches for the filters, all pages. */
  total: number;
  nextCursor: string | null;
}

export interface IncidentFilters {
  status: "open" | "resolved" | "all";
  severity?: IncidentSeverity | null;
  siteId?: string | null;
  nodeId?: string | null;
}

const base = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/incidents`;
const one = (orgId: string, id: string) => `${base(orgId)}/${encodeURIComponent(id)}`;
export const incidentKeys = {
  all: (orgId: string) => ["org", orgId, "incidents"] as const,
  one: (orgId: string, id: string) => ["org", orgId, "incidents", "one", id] as const,
};

/** Newest first, keyset pages; follows the fleet while the page is open. */
export function useIncidents(orgId: string, filters: IncidentFilters, pageSize = 50) {
  const { api } = useAuth();
  return useInfiniteQuery({
    queryKey: [...incidentKeys.all(orgId), "list", filters, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<IncidentPage>(
        `${base(orgId)}?${toQuery({ limit: pageSize, cursor: pageParam, ...filters })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

export function useIncident(orgId: string, incidentId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: incidentKeys.one(orgId, incidentId),
    queryFn: () => api.get<IncidentDetail>(one(orgId, incidentId)),
    refetchInterval: livePollMs,
    staleTime: 0,
  });
}

export type IncidentAction =
  | { kind: "acknowledge" }
  | { kind: "assign"; assigneeId: string | null }
  | { kind: "note"; body: string }
  | { kind: "status"; status: IncidentStatus; note?: string }
  | { kind: "resolve"; note?: string };

function request(action: IncidentAction): { path: string; body: unknown } {
  switch (action.kind) {
    case "acknowledge":
      return { path: "acknowledge", body: {} };
    case "assign":
      return { path: "assign", body: { assigneeId: action.assigneeId } };
    case "note":
      return { path: "notes", body: { body: action.body } };
    case "status":
      return { path: "status", body: { status: action.status, note: action.note } };
    case "resolve":
      return { path: "resolve", body: { note: action.note } };
  }
}

/** Every operator action answers the updated incident with its timeline. */
export function useIncidentAction(orgId: string, incidentId: string) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: IncidentAction) => {
      const { path, body } = request(action);
      return api.post<IncidentDetail>(`${one(orgId, incidentId)}/${path}`, body);
    },
    onSuccess: (detail) => {
      queryClient.setQueryData(incidentKeys.one(orgId, incidentId), detail);
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all(orgId) });
      void queryClient.invalidateQueries({ queryKey: opsKeys.all(orgId) });
      void queryClient.invalidateQueries({ queryKey: ["org", orgId, "audit"] });
    },
  });
}
