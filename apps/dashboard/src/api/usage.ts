import type { Page, Problem } from "@edgeplane/contracts";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import { ApiError } from "./client.ts";
import { toQuery } from "./query.ts";

// Shapes of apps/server/src/routes/api/usage/schema.ts and the customers and models routes;
// only the fields this page reads.

export interface UsageRow {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  customerId: string;
  /** Null once the customer is deleted. */
  customerName: string | null;
  keyId: string;
  keyStart: string | null;
  keyName: string | null;
  modelId: string;
  model: string;
  requests: number;
  errors: number;
  /** Streams the client cut before they finished. */
  incomplete: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  costUsd: number;
}

export interface UsageSummary {
  from: string;
  to: string;
  requests: number;
  errors: number;
  incomplete: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface CustomerOption {
  id: string;
  name: string;
}

export interface CustomerKeyOption {
  id: string;
  customerId: string;
  customer: { id: string; name: string };
  name: string | null;
  start: string;
}

export interface ModelOption {
  id: string;
  publicId: string;
}

/** The same filters drive the summary, the charts, the table and the export. */
export interface UsageFilters {
  from: string;
  to: string;
  customerId: string | null;
  keyId: string | null;
  model: string | null;
}

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
export const usageKeys = {
  all: (orgId: string) => ["org", orgId, "usage"] as const,
};

/** Usage is written within seconds of a request; a minute is fresh enough for daily rows. */
const usagePollMs = 60_000;

export function usagePath(orgId: string, what: "" | "/summary" | "/export", f: UsageFilters) {
  const q = toQuery({
    from: f.from,
    to: f.to,
    customerId: f.customerId,
    keyId: f.keyId,
    model: f.model,
  });
  return `${org(orgId)}/usage${what}?${q}`;
}

export function useUsageSummary(orgId: string, filters: UsageFilters) {
  const { api } = useAuth();
  return useQuery({
    queryKey: [...usageKeys.all(orgId), "summary", filters],
    queryFn: () => api.get<UsageSummary>(usagePath(orgId, "/summary", filters)),
    placeholderData: keepPreviousData,
    refetchInterval: usagePollMs,
  });
}

/** The table: newest day first, keyset pages. */
export function useUsageRows(orgId: string, filters: UsageFilters, pageSize = 50) {
  const { api } = useAuth();
  return useInfiniteQuery({
    queryKey: [...usageKeys.all(orgId), "rows", filters, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<UsageRow>>(
        `${usagePath(orgId, "", filters)}&${toQuery({ limit: pageSize, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: usagePollMs,
  });
}

export interface AllRows {
  rows: UsageRow[];
  /** Rows matching the filters; more than `rows.length` when the cap cut the fetch short. */
  total: number;
  capped: boolean;
}

/** Rows per request (the API's maximum) and how many the charts read at most. */
export const chartPageSize = 1000;
export const chartRowCap = 10_000;

/** Follows the cursor until the last page or the cap: the charts need every row of the range. */
export async function fetchAllRows(
  getPage: (cursor: string | null) => Promise<Page<UsageRow>>,
  cap = chartRowCap,
): Promise<AllRows> {
  const rows: UsageRow[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const page: Page<UsageRow> = await getPage(cursor);
    rows.push(...page.items);
    total = page.total;
    cursor = page.nextCursor;
  } while (cursor !== null && rows.length < cap);
  return { rows: rows.slice(0, cap), total, capped: cursor !== null || rows.length > cap };
}

export function useUsageChartRows(orgId: string, filters: UsageFilters) {
  const { api } = useAuth();
  return useQuery({
    queryKey: [...usageKeys.all(orgId), "chart", filters],
    queryFn: () =>
      fetchAllRows((cursor) =>
        api.get<Page<UsageRow>>(
          `${usagePath(orgId, "", filters)}&${toQuery({ limit: chartPageSize, cursor })}`,
        ),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: usagePollMs,
  });
}

export function useCustomerOptions(orgId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: ["org", orgId, "customers", "options"],
    queryFn: () => api.get<Page<CustomerOption>>(`${org(orgId)}/customers?limit=200`),
  });
}

/** Keys of one customer when one is chosen, else the organization's newest 200. */
export function useCustomerKeyOptions(orgId: string, customerId: string | null) {
  const { api } = useAuth();
  return useQuery({
    queryKey: ["org", orgId, "customer-keys", "options", customerId],
    queryFn: () =>
      api.get<Page<CustomerKeyOption>>(
        `${org(orgId)}/customer-keys?${toQuery({ limit: 200, customerId })}`,
      ),
  });
}

export function useModelOptions(orgId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: ["org", orgId, "models", "options"],
    queryFn: () => api.get<Page<ModelOption>>(`${org(orgId)}/models?limit=200`),
  });
}

function asProblem(text: string): Problem | null {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== "object" || v === null) return null;
    const p = v as Record<string, unknown>;
    const ok =
      typeof p.detail === "string" &&
      typeof p.status === "number" &&
      typeof p.code === "string" &&
      typeof p.requestId === "string";
    return ok ? (v as Problem) : null;
  } catch {
    return null;
  }
}

/**
 * The CSV as a Blob. The API client reads JSON only, and a plain link cannot carry the
 * bearer token, so the export is fetched here and saved by `saveBlob`.
 */
export async function fetchCsv(path: string, token: string | null): Promise<Blob> {
  const headers: Record<string, string> = { accept: "text/csv" };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { headers });
  } catch (err) {
    throw new ApiError({
      type: "about:blank",
      title: "Server unreachable",
      status: 0,
      detail: `Could not reach the server: ${String(err)}`,
      code: "service_unavailable",
      requestId: "none",
    });
  }
  if (res.ok) return res.blob();
  const text = await res.text();
  const problem = asProblem(text);
  if (problem) throw new ApiError(problem);
  throw new ApiError({
    type: "about:blank",
    title: `HTTP ${res.status}`,
    status: res.status,
    detail: text.slice(0, 200) || res.statusText,
    code: res.status >= 500 ? "service_unavailable" : "bad_request",
    requestId: res.headers.get("x-request-id") ?? "none",
  });
}

export const csvFileName = (f: UsageFilters) => `usage-${f.from}-to-${f.to}.csv`;

function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click starts the download asynchronously; revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useExportUsageCsv(orgId: string) {
  const { supabase } = useAuth();
  return useMutation({
    mutationFn: async (filters: UsageFilters) => {
      const token = (await supabase.auth.getSession()).data.session?.access_token ?? null;
      const blob = await fetchCsv(usagePath(orgId, "/export", filters), token);
      saveBlob(blob, csvFileName(filters));
    },
  });
}
