import type { CreateNodeKeyInput, NodeKeyState, RotateNodeKeyInput } from "@edgeplane/contracts";
import { keepPreviousData, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import { fleetKeys, useRefreshFleet } from "./fleet-cache.ts";
import type { IssuedNodeKey, NodeKey, Page, RotatedNodeKey } from "./fleet-types.ts";
import { toQuery } from "./query.ts";

export interface NodeKeyFilters {
  nodeId?: string | null;
  state?: NodeKeyState | null;
}

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
const nodeKeys = (orgId: string, nodeId: string) =>
  `${org(orgId)}/nodes/${encodeURIComponent(nodeId)}/keys`;

/** Every key of the org (or of one node), newest first; never a secret. */
export function useNodeKeys(orgId: string, filters: NodeKeyFilters, pageSize = 50) {
  const { api } = useAuth();
  return useInfiniteQuery({
    queryKey: [...fleetKeys.nodeKeys(orgId), "list", filters, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<NodeKey>>(
        `${org(orgId)}/node-keys?${toQuery({ limit: pageSize, cursor: pageParam, ...filters })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
    // A new filter keeps the old rows on screen until its answer arrives.
    placeholderData: keepPreviousData,
  });
}

/** The secret is in this response only: callers keep it in component state, never in a cache. */
export function useCreateNodeKey(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshFleet(orgId);
  return useMutation({
    mutationFn: ({ nodeId, input }: { nodeId: string; input: CreateNodeKeyInput }) =>
      api.post<IssuedNodeKey>(nodeKeys(orgId, nodeId), input),
    gcTime: 0,
    onSuccess: refresh,
  });
}

export function useRotateNodeKey(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshFleet(orgId);
  return useMutation({
    mutationFn: ({ key, input }: { key: NodeKey; input: RotateNodeKeyInput }) =>
      api.post<RotatedNodeKey>(
        `${nodeKeys(orgId, key.nodeId)}/${encodeURIComponent(key.id)}/rotate`,
        input,
      ),
    gcTime: 0,
    onSuccess: refresh,
  });
}

export function useRevokeNodeKey(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshFleet(orgId);
  return useMutation({
    mutationFn: (key: NodeKey) =>
      api.delete(`${nodeKeys(orgId, key.nodeId)}/${encodeURIComponent(key.id)}`),
    onSuccess: refresh,
  });
}
