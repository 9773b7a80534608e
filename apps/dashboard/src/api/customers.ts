import type {
  CreateCustomerInput,
  CreateCustomerKeyInput,
  CustomerKeyState,
  CustomerStatus,
  ModelKind,
  Page,
  Region,
  RotateCustomerKeyInput,
  SlaTarget,
  SlaTier,
  SupportTier,
  UpdateCustomerInput,
} from "@edgeplane/contracts";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import { toQuery } from "./query.ts";

// Shapes of apps/server/src/routes/api/customers/schema.ts (not yet in @edgeplane/contracts).

export interface Customer {
  id: string;
  name: string;
  contactName: string | null;
  contactEmail: string | null;
  supportTier: SupportTier;
  slaTier: SlaTier;
  /** The tier's availability and support response targets. */
  sla: SlaTarget;
  allowedRegions: Region[];
  /** Countries allowed to serve; null: no residency constraint. */
  dataResidency: string[] | null;
  status: CustomerStatus;
  notes: string | null;
  activeKeys: number;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerKey {
  id: string;
  customerId: string;
  customer: { id: string; name: string };
  name: string | null;
  start: string;
  state: CustomerKeyState;
  /** Public model ids allowed; null: the whole catalogue. */
  models: string[] | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  monthlyTokenBudget: number | null;
  regions: Region[] | null;
  dataResidency: string[] | null;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  replacedById: string | null;
}

export interface IssuedCustomerKey {
  key: CustomerKey;
  /** Shown once: only a hash and the start are stored. */
  secret: string;
}

export interface RotatedCustomerKey extends IssuedCustomerKey {
  previous: { id: string; expiresAt: string };
}

/** The catalogue fields a key's allow-list needs. */
export interface CatalogueModel {
  id: string;
  publicId: string;
  kind: ModelKind;
  status: "active" | "disabled";
}

interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
}

export interface CustomerFilters {
  q?: string;
  slaTier?: SlaTier | null;
  status?: CustomerStatus | null;
}

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
const customer = (orgId: string, customerId: string) =>
  `${org(orgId)}/customers/${encodeURIComponent(customerId)}`;
const key = (orgId: string, k: CustomerKey) =>
  `${customer(orgId, k.customerId)}/keys/${encodeURIComponent(k.id)}`;

export const customerKeys = {
  customers: (orgId: string) => ["org", orgId, "customers"] as const,
  keys: (orgId: string) => ["org", orgId, "customer-keys"] as const,
};

/** A customer write changes its keys' placement and counts, and lands in the audit log. */
function useRefreshCustomers(orgId: string) {
  const queryClient = useQueryClient();
  return () => {
    for (const k of [
      customerKeys.customers(orgId),
      customerKeys.keys(orgId),
      ["org", orgId, "audit"],
    ]) {
      void queryClient.invalidateQueries({ queryKey: k });
    }
  };
}

/** Newest first; "Load more" asks for the page after the last customer shown. */
export function useCustomers(orgId: string, filters: CustomerFilters, pageSize = 20) {
  const { api } = useAuth();
  return useInfiniteQuery({
    queryKey: [...customerKeys.customers(orgId), "list", filters, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<Customer>>(
        `${org(orgId)}/customers?${toQuery({ limit: pageSize, cursor: pageParam, ...filters })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useCreateCustomer(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshCustomers(orgId);
  return useMutation({
    mutationFn: (input: CreateCustomerInput) =>
      api.post<Customer>(`${org(orgId)}/customers`, input),
    onSuccess: refresh,
  });
}

export function useUpdateCustomer(orgId: string, customerId: string) {
  const { api } = useAuth();
  const refresh = useRefreshCustomers(orgId);
  return useMutation({
    mutationFn: (input: UpdateCustomerInput) =>
      api.patch<Customer>(customer(orgId, customerId), input),
    onSuccess: refresh,
  });
}

/** One customer's keys, newest first, every state; never a secret. */
export function useCustomerKeys(orgId: string, customerId: string, pageSize = 10) {
  const { api } = useAuth();
  return useInfiniteQuery({
    queryKey: [...customerKeys.keys(orgId), "list", customerId, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<CustomerKey>>(
        `${org(orgId)}/customer-keys?${toQuery({ customerId, limit: pageSize, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The secret is in this response only: callers keep it in component state, never in a cache. */
export function useCreateCustomerKey(orgId: string, customerId: string) {
  const { api } = useAuth();
  const refresh = useRefreshCustomers(orgId);
  return useMutation({
    mutationFn: (input: CreateCustomerKeyInput) =>
      api.post<IssuedCustomerKey>(`${customer(orgId, customerId)}/keys`, input),
    gcTime: 0,
    onSuccess: refresh,
  });
}

export function useRotateCustomerKey(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshCustomers(orgId);
  return useMutation({
    mutationFn: ({ k, input }: { k: CustomerKey; input: RotateCustomerKeyInput }) =>
      api.post<RotatedCustomerKey>(`${key(orgId, k)}/rotate`, input),
    gcTime: 0,
    onSuccess: refresh,
  });
}

export function useRevokeCustomerKey(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshCustomers(orgId);
  return useMutation({
    mutationFn: (k: CustomerKey) => api.delete(key(orgId, k)),
    onSuccess: refresh,
  });
}

/** Active catalogue models for a key's allow-list (the API's largest page). */
export function useModelOptions(orgId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: ["org", orgId, "models", "options"],
    queryFn: () => api.get<Page<CatalogueModel>>(`${org(orgId)}/models?limit=200&status=active`),
  });
}

/** Tokens a key used since `fromDay` (UTC), as the gateway counts them against its budget. */
export function useKeyTokensSince(orgId: string, keyId: string, fromDay: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: [...customerKeys.keys(orgId), "usage", keyId, fromDay],
    queryFn: async () => {
      const q = toQuery({ keyId, from: fromDay });
      const totals = await api.get<UsageTotals>(`${org(orgId)}/usage/summary?${q}`);
      return totals.inputTokens + totals.outputTokens;
    },
  });
}
