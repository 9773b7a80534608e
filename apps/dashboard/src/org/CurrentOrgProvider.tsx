import { createContext, type ReactNode, use, useCallback, useMemo, useState } from "react";
import type { Membership } from "../api/types.ts";

export interface CurrentOrgState {
  memberships: Membership[];
  /** The organization the pages act on; null until the user has one. */
  current: Membership | null;
  select: (orgId: string) => void;
}

const CurrentOrgContext = createContext<CurrentOrgState | null>(null);

export function useCurrentOrg(): CurrentOrgState {
  const state = use(CurrentOrgContext);
  if (!state) throw new Error("useCurrentOrg needs <CurrentOrgProvider>");
  return state;
}

/** Where the choice is remembered, per user, across reloads and tabs. */
const storageKey = (userId: string) => `edgeplane:current-org:${userId}`;

function readStored(userId: string): string | null {
  try {
    return localStorage.getItem(storageKey(userId));
  } catch {
    return null;
  }
}

interface Props {
  userId: string;
  memberships: Membership[];
  children: ReactNode;
}

export function CurrentOrgProvider({ userId, memberships, children }: Props) {
  const [chosen, setChosen] = useState<string | null>(() => readStored(userId));
  const select = useCallback(
    (orgId: string) => {
      setChosen(orgId);
      try {
        localStorage.setItem(storageKey(userId), orgId);
      } catch {
        // Storage may be full or blocked; the choice then lasts until reload.
      }
    },
    [userId],
  );
  const value = useMemo<CurrentOrgState>(() => {
    const current = memberships.find((m) => m.org.id === chosen) ?? memberships[0] ?? null;
    return { memberships, current, select };
  }, [memberships, chosen, select]);
  return <CurrentOrgContext value={value}>{children}</CurrentOrgContext>;
}
