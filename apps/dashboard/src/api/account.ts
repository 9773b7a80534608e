import { useQuery } from "@tanstack/react-query";
import { useAuth } from "../auth/AuthProvider.tsx";
import type { Me } from "./types.ts";

export const meKey = (userId: string | undefined) => ["me", userId] as const;

/** The signed-in user and their organizations (signing in also accepts open invitations). */
export function useMe() {
  const { api, session } = useAuth();
  const userId = session?.user.id;
  return useQuery({
    queryKey: meKey(userId),
    queryFn: () => api.get<Me>("/api/me"),
    enabled: userId !== undefined,
  });
}
