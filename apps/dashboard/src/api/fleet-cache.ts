import { useQueryClient } from "@tanstack/react-query";

/** The query keys of one org's fleet: sites, nodes and keys, which all change together. */
export const fleetKeys = {
  sites: (orgId: string) => ["org", orgId, "sites"] as const,
  nodes: (orgId: string) => ["org", orgId, "nodes"] as const,
  nodeKeys: (orgId: string) => ["org", orgId, "node-keys"] as const,
};

/**
 * After any fleet write: a node changes its site's headroom and node count, a key its node's
 * list, and every write lands in the audit log.
 */
export function useRefreshFleet(orgId: string) {
  const queryClient = useQueryClient();
  return () => {
    for (const key of [
      fleetKeys.sites(orgId),
      fleetKeys.nodes(orgId),
      fleetKeys.nodeKeys(orgId),
      ["org", orgId, "audit"],
    ]) {
      void queryClient.invalidateQueries({ queryKey: key });
    }
  };
}
