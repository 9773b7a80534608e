import type { CreateNodeInput, NodeStatus, UpdateNodeInput } from "@edgeplane/contracts";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import { fleetKeys, useRefreshFleet } from "./fleet-cache.ts";
import type { FleetNode, Page } from "./fleet-types.ts";
import { toQuery } from "./query.ts";

export interface NodeFilters {
  q?: string;
  siteId?: string | null;
  status?: NodeStatus | null;
  acceleratorType?: string | null;
}

const base = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/nodes`;

/** Newest first; "Load more" asks for the page after the last node shown. */
export function useNodes(orgId: string, filters: NodeFilters, pageSize = 50) {
  const { api } = useAuth();
  return useInfiniteQuery({
    queryKey: [...fleetKeys.nodes(orgId), "list", filters, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<FleetNode>>(
        `${base(orgId)}?${toQuery({ limit: pageSize, cursor: pageParam, ...filters })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
    // A new filter keeps the old rows on screen until its answer arrives.
    placeholderData: keepPreviousData,
    // Node states change as agents report; the list follows without a reload.
    refetchInterval: 30_000,
  });
}

/** The org's nodes for pickers (the API's largest page). */
export function useNodeOptions(orgId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: [...fleetKeys.nodes(orgId), "options"],
    queryFn: () => api.get<Page<FleetNode>>(`${base(orgId)}?limit=200`),
  });
}

export function useNode(orgId: string, nodeId: string | null) {
  const { api } = useAuth();
  return useQuery({
    queryKey: [...fleetKeys.nodes(orgId), "one", nodeId],
    queryFn: () => api.get<FleetNode>(`${base(orgId)}/${encodeURIComponent(nodeId ?? "")}`),
    enabled: nodeId !== null,
    refetchInterval: 30_000,
  });
}

export function useRegisterNode(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshFleet(orgId);
  return useMutation({
    mutationFn: (input: CreateNodeInput) => api.post<FleetNode>(base(orgId), input),
    onSuccess: refresh,
  });
}

export function useUpdateNode(orgId: string, nodeId: string) {
  const { api } = useAuth();
  const refresh = useRefreshFleet(orgId);
  return useMutation({
    mutationFn: (input: UpdateNodeInput) =>
      api.patch<FleetNode>(`${base(orgId)}/${encodeURIComponent(nodeId)}`, input),
    onSuccess: refresh,
  });
}

export function useDeleteNode(orgId: string, nodeId: string) {
  const { api } = useAuth();
  const refresh = useRefreshFleet(orgId);
  return useMutation({
    mutationFn: () => api.delete(`${base(orgId)}/${encodeURIComponent(nodeId)}`),
    onSuccess: refresh,
  });
}
