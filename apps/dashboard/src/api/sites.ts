import type { CreateSiteInput, SiteStatus, SiteType, UpdateSiteInput } from "@edgeplane/contracts";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import { fleetKeys, useRefreshFleet } from "./fleet-cache.ts";
import type { Page, Site } from "./fleet-types.ts";
import { toQuery } from "./query.ts";

export interface SiteFilters {
  q?: string;
  siteType?: SiteType | null;
  country?: string | null;
  status?: SiteStatus | null;
}

const base = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/sites`;

/** Newest first; "Load more" asks for the page after the last site shown. */
export function useSites(orgId: string, filters: SiteFilters, pageSize = 50) {
  const { api } = useAuth();
  return useInfiniteQuery({
    queryKey: [...fleetKeys.sites(orgId), "list", filters, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<Site>>(
        `${base(orgId)}?${toQuery({ limit: pageSize, cursor: pageParam, ...filters })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
    // A new filter keeps the old rows on screen until its answer arrives.
    placeholderData: keepPreviousData,
  });
}

/** The org's sites for pickers (the API's largest page). */
export function useSiteOptions(orgId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: [...fleetKeys.sites(orgId), "options"],
    queryFn: () => api.get<Page<Site>>(`${base(orgId)}?limit=200`),
  });
}

export function useSite(orgId: string, siteId: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: [...fleetKeys.sites(orgId), "one", siteId],
    queryFn: () => api.get<Site>(`${base(orgId)}/${encodeURIComponent(siteId)}`),
  });
}

export function useCreateSite(orgId: string) {
  const { api } = useAuth();
  const refresh = useRefreshFleet(orgId);
  return useMutation({
    mutationFn: (input: CreateSiteInput) => api.post<Site>(base(orgId), input),
    onSuccess: refresh,
  });
}

export function useUpdateSite(orgId: string, siteId: string) {
  const { api } = useAuth();
  const refresh = useRefreshFleet(orgId);
  return useMutation({
    mutationFn: (input: UpdateSiteInput) =>
      api.patch<Site>(`${base(orgId)}/${encodeURIComponent(siteId)}`, input),
    onSuccess: refresh,
  });
}

export function useDeleteSite(orgId: string, siteId: string) {
  const { api } = useAuth();
  const refresh = useRefreshFleet(orgId);
  return useMutation({
    mutationFn: () => api.delete(`${base(orgId)}/${encodeURIComponent(siteId)}`),
    onSuccess: refresh,
  });
}
