import { QueryClient } from "@tanstack/react-query";
import { isApiError } from "../api/client.ts";

/** A 4xx will not change on retry; network trouble and 5xx get two more tries. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, err) =>
          !(isApiError(err) && err.status >= 400 && err.status < 500) && failures < 2,
      },
    },
  });
}
