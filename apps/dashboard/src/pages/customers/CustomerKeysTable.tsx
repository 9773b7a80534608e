import { countryName, regionLabels } from "@edgeplane/contracts";
import { Code, Group, Stack, Text, VisuallyHidden } from "@mantine/core";
import { DataTable, type DataTableColumn } from "mantine-datatable";
import { useState } from "react";
import { type CustomerKey, useCustomerKeys } from "../../api/customers.ts";
import { LoadMore } from "../../components/LoadMore.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";
import { rateLimitText } from "./access-words.ts";
import { BudgetCell } from "./BudgetCell.tsx";
import { KeyActions, RotateModal } from "./KeyActions.tsx";

interface Props {
  orgId: string;
  customerName: string;
  customerId: string;
  /** Rotate and revoke, for roles that may. */
  manage: boolean;
}

const noWrap = { whiteSpace: "nowrap" } as const;

function Dimmed({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed" span>
      {children}
    </Text>
  );
}

function ModelList({ models }: { models: string[] | null }) {
  if (models === null || models.length === 0) return <Dimmed>Every model</Dimmed>;
  return (
    <Group gap={4} maw={240}>
      {models.map((m) => (
        <Code key={m} fz="xs" style={noWrap}>
          {m}
        </Code>
      ))}
    </Group>
  );
}

/** Where a key narrows its customer's placement, said under its name. */
function placement(k: CustomerKey): string | null {
  const parts = [
    ...(k.regions ?? []).map((r) => regionLabels[r]),
    ...(k.dataResidency ?? []).map((c) => countryName(c)),
  ];
  return parts.length > 0 ? `Only ${parts.join(", ")}` : null;
}

function columns(orgId: string, manage: boolean, onRotate: (k: CustomerKey) => void) {
  const cols: DataTableColumn<CustomerKey>[] = [
    {
      accessor: "start",
      title: "Key",
      noWrap: true,
      render: (k) => (
        <Stack gap={2}>
          <Code fz="sm" w="fit-content">
            {k.start}…
          </Code>
          {k.name ? <Text size="sm">{k.name}</Text> : <Dimmed>unnamed</Dimmed>}
          {placement(k) && (
            <Text size="xs" c="dimmed">
              {placement(k)}
            </Text>
          )}
        </Stack>
      ),
    },
    { accessor: "models", title: "Models", render: (k) => <ModelList models={k.models} /> },
    {
      accessor: "rpmLimit",
      title: "Rate limits",
      render: (k) => (
        <Stack gap={0}>
          <Text size="sm" c={k.rpmLimit === null ? "dimmed" : undefined} style={noWrap}>
            {rateLimitText(k.rpmLimit, "requests")}
          </Text>
          <Text size="sm" c={k.tpmLimit === null ? "dimmed" : undefined} style={noWrap}>
            {rateLimitText(k.tpmLimit, "tokens")}
          </Text>
        </Stack>
      ),
    },
    {
      accessor: "monthlyTokenBudget",
      title: "Monthly budget",
      render: (k) => <BudgetCell orgId={orgId} customerKey={k} />,
    },
    {
      accessor: "expiresAt",
      title: "Expires",
      render: (k) =>
        k.revokedAt ? (
          <Text size="sm" c="dimmed" span>
            revoked <RelativeTime iso={k.revokedAt} />
          </Text>
        ) : k.expiresAt ? (
          <Text size="sm" span>
            <RelativeTime iso={k.expiresAt} />
            {k.replacedById && (
              <Text size="xs" c="dimmed" span>
                {" "}
                (rotated)
              </Text>
            )}
          </Text>
        ) : (
          <Dimmed>never</Dimmed>
        ),
    },
    {
      accessor: "lastUsedAt",
      title: "Last used",
      render: (k) => <RelativeTime iso={k.lastUsedAt} />,
    },
    {
      accessor: "state",
      title: "State",
      width: 120,
      render: (k) => <StateBadge kind="key" state={k.state} />,
    },
    {
      accessor: "actions",
      title: <VisuallyHidden>Actions</VisuallyHidden>,
      textAlign: "right",
      width: 90,
      hidden: !manage,
      render: (k) =>
        k.state === "active" ? (
          <KeyActions orgId={orgId} customerKey={k} onRotate={onRotate} />
        ) : null,
    },
  ];
  return cols;
}

/** One customer's keys by prefix, newest first; the secret is never in a list. */
export function CustomerKeysTable({ orgId, customerName, customerId, manage }: Props) {
  const keys = useCustomerKeys(orgId, customerId);
  const [rotating, setRotating] = useState<CustomerKey | null>(null);
  if (keys.isPending) return <TableSkeleton rows={2} />;
  if (keys.isError) {
    return (
      <ProblemAlert
        error={keys.error}
        title={`Could not load the keys of ${customerName}`}
        onRetry={() => void keys.refetch()}
      />
    );
  }
  const rows = keys.data.pages.flatMap((p) => p.items);
  return (
    <>
      <DataTable<CustomerKey>
        aria-label={`API keys of ${customerName}`}
        withTableBorder
        borderRadius="sm"
        verticalAlign="top"
        records={rows}
        fetching={keys.isFetching && !keys.isFetchingNextPage && !keys.isRefetching}
        minHeight={rows.length === 0 ? 120 : undefined}
        noRecordsText={
          manage
            ? `No keys yet. Create a key to let ${customerName} call the gateway.`
            : `No keys yet for ${customerName}.`
        }
        columns={columns(orgId, manage, setRotating)}
      />
      <LoadMore
        shown={rows.length}
        total={keys.data.pages[0]?.total ?? 0}
        noun={["key", "keys"]}
        hasMore={keys.hasNextPage}
        loading={keys.isFetchingNextPage}
        onLoadMore={() => void keys.fetchNextPage()}
      />
      {rotating && (
        <RotateModal orgId={orgId} customerKey={rotating} onClose={() => setRotating(null)} />
      )}
    </>
  );
}
