import type { Membership } from "../api/types.ts";
import { useCurrentOrg } from "./CurrentOrgProvider.tsx";

/** The current membership on pages behind RequireOrg, where there always is one. */
export function useOrg(): Membership {
  const { current } = useCurrentOrg();
  if (!current) throw new Error("useOrg is for pages behind <RequireOrg>");
  return current;
}
