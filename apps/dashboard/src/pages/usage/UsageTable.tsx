import { Anchor, Stack, Text } from "@mantine/core";
import { DataTable, type DataTableColumn } from "mantine-datatable";
import type { UsageRow } from "../../api/usage.ts";
import { formatCount, formatDay, formatUsd } from "./usage-series.ts";

export type NarrowTo = { customer: string } | { key: string } | { model: string };

interface Props {
  rows: UsageRow[];
  fetching: boolean;
  /** Clicking a customer, key or model narrows the page to it. */
  onNarrow: (to: NarrowTo) => void;
}

const rowKey = (r: UsageRow) => `${r.day}:${r.keyId}:${r.modelId}`;

function FilterLink({
  label,
  title,
  onClick,
}: {
  label: string;
  title: string;
  onClick: () => void;
}) {
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      fw={500}
      ta="left"
      title={title}
      onClick={onClick}
    >
      {label}
    </Anchor>
  );
}

const count = (accessor: keyof UsageRow, title: string): DataTableColumn<UsageRow> => ({
  accessor,
  title,
  textAlign: "right",
  noWrap: true,
  render: (r) => formatCount(Number(r[accessor])),
});

/** One row per customer key, model and UTC day, newest day first. */
export function UsageTable({ rows, fetching, onNarrow }: Props) {
  return (
    <DataTable<UsageRow>
      withTableBorder
      borderRadius="sm"
      highlightOnHover
      striped
      records={rows}
      idAccessor={rowKey}
      fetching={fetching}
      minHeight={rows.length === 0 ? 160 : undefined}
      noRecordsText="No usage matches these filters"
      aria-label="Usage by day"
      columns={[
        {
          accessor: "day",
          title: "Day (UTC)",
          noWrap: true,
          render: (r) => formatDay(r.day, true),
        },
        {
          accessor: "customerName",
          title: "Customer",
          render: (r) =>
            r.customerName === null ? (
              <Text size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                Deleted customer
              </Text>
            ) : (
              <FilterLink
                label={r.customerName}
                title="Show only this customer"
                onClick={() => onNarrow({ customer: r.customerId })}
              />
            ),
        },
        {
          accessor: "keyId",
          title: "Key",
          // Name over the key's start: side by side they pushed Cost out of a 1366 px screen.
          render: (r) => (
            <Stack gap={0} align="flex-start">
              <FilterLink
                label={r.keyName ?? (r.keyStart ? `${r.keyStart}…` : "Deleted key")}
                title="Show only this key"
                onClick={() => onNarrow({ key: r.keyId })}
              />
              {r.keyName && r.keyStart && (
                <Text span size="xs" c="dimmed" ff="monospace">
                  {r.keyStart}…
                </Text>
              )}
            </Stack>
          ),
        },
        {
          accessor: "model",
          title: "Model",
          noWrap: true,
          render: (r) => (
            <FilterLink
              label={r.model}
              title="Show only this model"
              onClick={() => onNarrow({ model: r.model })}
            />
          ),
        },
        count("requests", "Requests"),
        {
          ...count("errors", "Errors"),
          render: (r) => (
            <Text size="sm" span c={r.errors > 0 ? "red" : undefined}>
              {formatCount(r.errors)}
            </Text>
          ),
        },
        count("incomplete", "Incomplete"),
        count("inputTokens", "Input tokens"),
        count("outputTokens", "Output tokens"),
        {
          accessor: "costUsd",
          title: "Cost",
          textAlign: "right",
          noWrap: true,
          render: (r) => formatUsd(r.costUsd),
        },
      ]}
    />
  );
}
