import { Button, Code, Group, Text } from "@mantine/core";
import { DataTable } from "mantine-datatable";
import { useAuditLog } from "../../api/audit.ts";
import type { AuditEntry } from "../../api/types.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";

function describe(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

/** Who did what, newest first; older pages on demand. */
export function AuditTab({ orgId }: { orgId: string }) {
  const audit = useAuditLog(orgId, true);
  if (audit.isPending) return <TableSkeleton rows={5} />;
  if (audit.isError) {
    return (
      <ProblemAlert
        error={audit.error}
        title="Could not load the audit log"
        onRetry={() => void audit.refetch()}
      />
    );
  }
  const entries = audit.data.pages.flatMap((p) => p.items);
  return (
    <>
      <DataTable<AuditEntry>
        withTableBorder
        borderRadius="sm"
        striped
        records={entries}
        minHeight={entries.length === 0 ? 160 : undefined}
        noRecordsText="No audit entries yet. Changes to this organization will appear here."
        columns={[
          {
            accessor: "at",
            title: "When",
            noWrap: true,
            render: (e) => <RelativeTime iso={e.at} />,
          },
          {
            accessor: "actor",
            title: "Actor",
            render: (e) => <Text size="sm">{e.actor.email ?? e.actor.id ?? "system"}</Text>,
          },
          { accessor: "action", title: "Action", render: (e) => <Code>{e.action}</Code> },
          {
            accessor: "target",
            title: "Target",
            render: (e) => (
              <Text size="sm">
                {e.target.type} <Code>{e.target.id}</Code>
              </Text>
            ),
          },
          {
            accessor: "details",
            title: "Details",
            render: (e) => (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {describe(e.details)}
              </Text>
            ),
          },
        ]}
      />
      <Group justify="center" mt="md">
        {audit.hasNextPage ? (
          <Button
            variant="default"
            onClick={() => void audit.fetchNextPage()}
            loading={audit.isFetchingNextPage}
          >
            Load more
          </Button>
        ) : (
          entries.length > 0 && (
            <Text size="xs" c="dimmed">
              That is the whole log: {entries.length} {entries.length === 1 ? "entry" : "entries"}.
            </Text>
          )
        )}
      </Group>
    </>
  );
}
