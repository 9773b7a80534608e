import { Skeleton, Stack } from "@mantine/core";

/** The loading state of a list: the shape of rows, not a spinner. */
export function TableSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label="Loading">
      <Skeleton height={32} />
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
        <Skeleton key={i} height={40} />
      ))}
    </Stack>
  );
}
