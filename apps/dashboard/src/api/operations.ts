import type {
  MaintenanceInput,
  NodeState,
  OperatorSummary,
  Series,
  SeriesRange,
  SeriesScope,
  StatusPage,
  TelemetryMetric,
} from "@edgeplane/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import { useRefreshFleet } from "./fleet-cache.ts";
import { toQuery } from "./query.ts";

// Response shapes are the contracts' (packages/contracts/src/operations.ts), as the routes
// under apps/server/src/routes/api/{operator,status,telemetry} answer them.

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;

/** Live views poll: fleet state changes every few seconds while agents report. */
export const livePollMs = 5_000;

export const opsKeys = {
  all: (orgId: string) => ["org", orgId, "ops"] as const,
  summary: (orgId: string) => ["org", orgId, "ops", "summary"] as const,
  status: (orgId: string) => ["org", orgId, "ops", "status"] as const,
  series: (orgId: string) => ["org", orgId, "ops", "series"] as const,
  nodeState: (orgId: string, nodeId: string) => ["org", orgId, "ops", "node", nodeId] as const,
};

export function useOperatorSummary(orgId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: opsKeys.summary(orgId),
    queryFn: () => api.get<OperatorSummary>(`${org(orgId)}/operator/summary`),
    refetchInterval: livePollMs,
    staleTime: 0,
  });
}

export function useStatusPage(orgId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: opsKeys.status(orgId),
    queryFn: () => api.get<StatusPage>(`${org(orgId)}/status`),
    refetchInterval: 30_000,
  });
}

export interface SeriesParams {
  scope: SeriesScope;
  /** The site or node for scope=site/node. */
  id: string | null;
  range: SeriesRange;
  /** All metrics when left out. */
  metrics?: TelemetryMetric[];
}

/** Short ranges poll often, long ones rarely: a 30-day point is an hour wide. */
const seriesPollMs: Record<SeriesRange, number> = {
  "1h": livePollMs,
  "24h": 30_000,
  "7d": 60_000,
  "30d": 300_000,
};

export function useSeries(orgId: string, params: SeriesParams) {
  const { api } = useAuth();
  const ready = params.scope === "fleet" || params.id !== null;
  return useQuery({
    queryKey: [...opsKeys.series(orgId), params],
    queryFn: () =>
      api.get<Series>(
        `${org(orgId)}/telemetry/series?${toQuery({
          scope: params.scope,
          id: params.scope === "fleet" ? null : params.id,
          range: params.range,
          metrics: params.metrics?.join(","),
        })}`,
      ),
    enabled: ready,
    refetchInterval: seriesPollMs[params.range],
    // Switching range or scope keeps the old charts until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useNodeState(orgId: string, nodeId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: opsKeys.nodeState(orgId, nodeId),
    queryFn: () => api.get<NodeState>(`${org(orgId)}/nodes/${encodeURIComponent(nodeId)}/state`),
    refetchInterval: livePollMs,
    staleTime: 0,
  });
}

export function useSetMaintenance(orgId: string, nodeId: string) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const refreshFleet = useRefreshFleet(orgId);
  return useMutation({
    mutationFn: (input: MaintenanceInput) =>
      api.put<NodeState>(`${org(orgId)}/nodes/${encodeURIComponent(nodeId)}/maintenance`, input),
    onSuccess: (state) => {
      queryClient.setQueryData(opsKeys.nodeState(orgId, nodeId), state);
      void queryClient.invalidateQueries({ queryKey: opsKeys.all(orgId) });
      refreshFleet();
    },
  });
}
