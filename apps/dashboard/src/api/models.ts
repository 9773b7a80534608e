import type {
  CreateModelInput,
  ModelKind,
  ModelStatus,
  Page,
  Region,
  UpdateModelInput,
} from "@edgeplane/contracts";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import { toQuery } from "./query.ts";

// The shape apps/server/src/routes/api/models/schema.ts answers (modelSchema).

export interface RegionAvailability {
  region: Region;
  /** Connected nodes there that serve the model and could take a request now. */
  nodes: number;
}

/** A catalogue entry: what customers send as `model` and what the nodes call it. */
export interface CatalogueModel {
  id: string;
  publicId: string;
  upstreamName: string;
  kind: ModelKind;
  contextLength: number;
  /** US dollars per 1M tokens. */
  inputPricePerMTok: number;
  outputPricePerMTok: number;
  status: ModelStatus;
  /** Only regions with at least one node; empty: no node can serve it anywhere. */
  availability: RegionAvailability[];
  createdAt: string;
  updatedAt: string;
}

export interface ModelFilters {
  q?: string;
  kind?: ModelKind | null;
  status?: ModelStatus | null;
}

/** Availability follows the fleet: nodes connect, drop and change what they serve. */
export const modelsPollMs = 15_000;

export const modelKeys = {
  all: (orgId: string) => ["org", orgId, "models"] as const,
};

export const modelsPath = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/models`;
export const modelPath = (orgId: string, modelId: string) =>
  `${modelsPath(orgId)}/${encodeURIComponent(modelId)}`;

/** The catalogue, newest first, each model with the regions that can serve it now. */
export function useModels(orgId: string, filters: ModelFilters, pageSize = 50) {
  const { api } = useAuth();
  return useInfiniteQuery({
    queryKey: [...modelKeys.all(orgId), "list", filters, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<CatalogueModel>>(
        `${modelsPath(orgId)}?${toQuery({ limit: pageSize, cursor: pageParam, ...filters })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: modelsPollMs,
  });
}

/** After a catalogue write: the lists, and the audit log that recorded it. */
function useRefreshModels(orgId: string) {
  const queryClient = useQueryClient();
  return () => {
    for (const key of [modelKeys.all(orgId), ["org", orgId, "audit"]]) {
      void queryClient.invalidateQueries({ queryKey: key });
    }
  };
}

export function useCreateModel(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshModels(orgId);
  return useMutation({
    mutationFn: (input: CreateModelInput) => api.post<CatalogueModel>(modelsPath(orgId), input),
    onSuccess: refresh,
  });
}

export function useUpdateModel(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshModels(orgId);
  return useMutation({
    mutationFn: ({ modelId, input }: { modelId: string; input: UpdateModelInput }) =>
      api.patch<CatalogueModel>(modelPath(orgId, modelId), input),
    onSuccess: refresh,
  });
}

export function useDeleteModel(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshModels(orgId);
  return useMutation({
    mutationFn: (modelId: string) => api.delete(modelPath(orgId, modelId)),
    onSuccess: refresh,
  });
}
