import { Button, EmptyState, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconChartBar, IconDownload } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import {
  type UsageFilters,
  useExportUsageCsv,
  useUsageRows,
  useUsageSummary,
} from "../../api/usage.ts";
import { useFilterParams } from "../../components/filter-params.ts";
import { PagedList } from "../../components/PagedList.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UpdatedAgo } from "../../components/UpdatedAgo.tsx";
import { useOrg } from "../../org/use-org.ts";
import { allNavItems } from "../../shell/nav.ts";
import { UsageCharts } from "./UsageCharts.tsx";
import { type ParamChanges, UsageFilterBar } from "./UsageFilterBar.tsx";
import { UsageTable } from "./UsageTable.tsx";
import { UsageTiles, UsageTilesSkeleton } from "./UsageTiles.tsx";
import { daysBetween, resolveUsageParams } from "./usage-range.ts";
import { formatCount, formatDay } from "./usage-series.ts";

const purpose = allNavItems.find((i) => i.href === "/usage")?.purpose ?? "";
const filterKeys = ["range", "from", "to", "customer", "key", "model"] as const;
/** The export endpoint's row limit (apps/server/src/services/usage/export.ts). */
const maxExportRows = 100_000;

/** Requests, tokens, errors and cost per customer, key, model and UTC day, with CSV export. */
export function UsagePage() {
  const { org } = useOrg();
  const params = useFilterParams(filterKeys);
  const [, setSearchParams] = useSearchParams();
  const { filters, preset, narrowed } = resolveUsageParams(params.values, Date.now());
  const summary = useUsageSummary(org.id, filters);
  const exportCsv = useExportUsageCsv(org.id);

  // Several keys change at once (a preset clears from/to): one URL update, not one per key.
  const change = (changes: ParamChanges) =>
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  let body: ReactNode;
  if (summary.isPending) {
    body = <UsageTilesSkeleton />;
  } else if (!summary.data) {
    body = (
      <ProblemAlert
        error={summary.error}
        title="Could not load the usage"
        onRetry={() => void summary.refetch()}
      />
    );
  } else if (summary.data.requests === 0 && !narrowed) {
    body = <NoUsage days={preset ? daysBetween(filters.from, filters.to) : null} />;
  } else if (summary.data.requests === 0) {
    body = (
      <Paper withBorder p="xl">
        <Stack gap="xs" align="center">
          <Text fw={600}>No usage matches these filters</Text>
          <Text size="sm" c="dimmed" ta="center">
            Nothing was metered for this customer, key or model from {formatDay(filters.from, true)}{" "}
            to {formatDay(filters.to, true)}.
          </Text>
          <Button
            variant="default"
            size="xs"
            onClick={() => change({ customer: null, key: null, model: null })}
          >
            Show every customer, key and model
          </Button>
        </Stack>
      </Paper>
    );
  } else {
    body = (
      <Stack gap="lg">
        <UsageTiles summary={summary.data} />
        <UsageCharts orgId={org.id} filters={filters} />
        <UsageRows orgId={org.id} filters={filters} narrowed={narrowed} onNarrow={change} />
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title="Usage"
        purpose={purpose}
        action={
          <Group gap="sm">
            <UpdatedAgo updatedAt={summary.dataUpdatedAt} failed={summary.isError} />
            <Button
              leftSection={<IconDownload size={16} aria-hidden />}
              loading={exportCsv.isPending}
              onClick={() => exportCsv.mutate(filters)}
            >
              Export CSV
            </Button>
          </Group>
        }
      />
      <UsageFilterBar
        orgId={org.id}
        filters={filters}
        preset={preset}
        onChange={change}
        onClear={params.active ? params.clear : null}
      />
      {exportCsv.isError && (
        <Stack mb="md">
          <ProblemAlert
            error={exportCsv.error}
            title="Could not export the usage"
            onClose={() => exportCsv.reset()}
          />
        </Stack>
      )}
      {body}
    </>
  );
}

interface RowsProps {
  orgId: string;
  filters: UsageFilters;
  narrowed: boolean;
  onNarrow: (changes: ParamChanges) => void;
}

function UsageRows({ orgId, filters, narrowed, onNarrow }: RowsProps) {
  const rows = useUsageRows(orgId, filters);
  const total = rows.data?.pages[0]?.total ?? 0;
  return (
    <Stack gap="xs" component="section" aria-label="Daily usage">
      <Group justify="space-between" gap="xs">
        <Title order={2} fz="md">
          Daily usage
        </Title>
        <Text size="xs" c="dimmed">
          One row per customer key, model and UTC day
          {total > maxExportRows &&
            `; the CSV holds the newest ${formatCount(maxExportRows)} of ${formatCount(total)}`}
        </Text>
      </Group>
      <PagedList
        query={rows}
        filtersActive={narrowed}
        errorTitle="Could not load the usage rows"
        empty={
          <Paper withBorder p="md">
            No usage rows in this range.
          </Paper>
        }
        noun={["row", "rows"]}
      >
        {(records) => (
          <UsageTable
            rows={records}
            fetching={rows.isFetching && !rows.isFetchingNextPage && !rows.isRefetching}
            onNarrow={(to) => onNarrow("customer" in to ? { ...to, key: null } : to)}
          />
        )}
      </PagedList>
    </Stack>
  );
}

function NoUsage({ days }: { days: number | null }) {
  return (
    <Paper withBorder p="xl">
      <EmptyState
        icon={<IconChartBar size={28} />}
        withIndicatorBackground
        title={days ? `No usage in the last ${days} days` : "No usage in this range"}
        description="Usage appears here once customers call the gateway with their API keys: requests, tokens, errors and cost per customer, key, model and UTC day. A request shows up within a minute."
      >
        <Group gap="sm" mt="sm" justify="center">
          <Button component={Link} to="/customers/keys">
            Issue a customer key
          </Button>
          <Button component={Link} to="/gateway" variant="default">
            See the gateway endpoints
          </Button>
        </Group>
      </EmptyState>
    </Paper>
  );
}
