import { useState } from "react";

/** Client-side pages for mantine-datatable (lists the API returns whole); none for short lists. */
export function useClientPage<T>(all: T[], recordsPerPage = 15) {
  const [page, setPage] = useState(1);
  if (all.length <= recordsPerPage) return { records: all };
  const last = Math.ceil(all.length / recordsPerPage);
  const current = Math.min(page, last);
  return {
    records: all.slice((current - 1) * recordsPerPage, current * recordsPerPage),
    page: current,
    onPageChange: setPage,
    totalRecords: all.length,
    recordsPerPage,
  };
}
