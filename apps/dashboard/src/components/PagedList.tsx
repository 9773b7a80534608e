import type { Page } from "@edgeplane/contracts";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { LoadMore } from "./LoadMore.tsx";
import { ProblemAlert } from "./ProblemAlert.tsx";
import { TableSkeleton } from "./TableSkeleton.tsx";

interface Props<T> {
  query: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  /** With filters set, an empty result is "nothing matches", not the list's empty state. */
  filtersActive: boolean;
  errorTitle: string;
  empty: ReactNode;
  noun: [string, string];
  /** The table of the loaded rows. */
  children: (rows: T[]) => ReactNode;
}

/** The states of every keyset list: loading, error with request id, empty, rows + Load more. */
export function PagedList<T>({
  query,
  filtersActive,
  errorTitle,
  empty,
  noun,
  children,
}: Props<T>) {
  if (query.isPending) return <TableSkeleton rows={5} />;
  if (query.isError) {
    return (
      <ProblemAlert error={query.error} title={errorTitle} onRetry={() => void query.refetch()} />
    );
  }
  const rows = query.data.pages.flatMap((p) => p.items);
  const total = query.data.pages[0]?.total ?? 0;
  if (total === 0 && !filtersActive) return empty;
  return (
    <>
      {children(rows)}
      <LoadMore
        shown={rows.length}
        total={total}
        noun={noun}
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
    </>
  );
}
