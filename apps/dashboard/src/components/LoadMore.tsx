import { Button, Group, Text } from "@mantine/core";

interface Props {
  shown: number;
  total: number;
  /** What is listed, singular and plural: ["site", "sites"]. */
  noun: [string, string];
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** The footer of a keyset list: how many of how many, and the next page on demand. */
export function LoadMore({ shown, total, noun, hasMore, loading, onLoadMore }: Props) {
  if (total === 0) return null;
  return (
    <Group justify="space-between" mt="sm" gap="sm">
      <Text size="xs" c="dimmed">
        Showing {shown} of {total} {total === 1 ? noun[0] : noun[1]}
      </Text>
      {hasMore && (
        <Button variant="default" size="xs" onClick={onLoadMore} loading={loading}>
          Load more
        </Button>
      )}
    </Group>
  );
}
