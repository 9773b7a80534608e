import "@mantine/dates/styles.css";
import { Button, Group, SegmentedControl, Select } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { IconCalendar } from "@tabler/icons-react";
import { useState } from "react";
import {
  type UsageFilters,
  useCustomerKeyOptions,
  useCustomerOptions,
  useModelOptions,
} from "../../api/usage.ts";
import { addDays, type UsagePreset, usagePresets, utcToday } from "./usage-range.ts";

export type ParamChanges = Partial<
  Record<"range" | "from" | "to" | "customer" | "key" | "model", string | null>
>;

interface Props {
  orgId: string;
  filters: UsageFilters;
  preset: UsagePreset | null;
  onChange: (changes: ParamChanges) => void;
  /** Shown when anything is set in the URL. */
  onClear: (() => void) | null;
}

const presetLabels: Record<UsagePreset, string> = { "7d": "7 d", "30d": "30 d", "90d": "90 d" };

/** A value from the URL that is not among the options (a deleted key) still shows as itself. */
function withCurrent(data: { value: string; label: string }[], current: string | null) {
  if (!current || data.some((d) => d.value === current)) return data;
  return [...data, { value: current, label: current }];
}

/** Range presets or custom days, then customer, key and model; all kept in the URL. */
export function UsageFilterBar({ orgId, filters, preset, onChange, onClear }: Props) {
  const [shownMonth, setShownMonth] = useState<string | null>(null);
  // The first click of a range pick, until the second one makes it a range for the URL.
  const [picking, setPicking] = useState<[string | null, string | null] | null>(null);
  const customers = useCustomerOptions(orgId);
  const keys = useCustomerKeyOptions(orgId, filters.customerId);
  const models = useModelOptions(orgId);
  const customerData = (customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const keyData = (keys.data?.items ?? []).map((k) => ({
    value: k.id,
    label: `${k.name ?? `${k.start}…`}${filters.customerId ? "" : ` · ${k.customer.name}`}`,
  }));
  const modelData = (models.data?.items ?? []).map((m) => ({
    value: m.publicId,
    label: m.publicId,
  }));

  return (
    <Group gap="sm" mb="md" align="center" wrap="wrap">
      <SegmentedControl
        aria-label="Range"
        data={usagePresets.map((p) => ({ value: p, label: presetLabels[p] }))}
        value={preset ?? ""}
        onChange={(v) => onChange({ range: v === "30d" ? null : v, from: null, to: null })}
      />
      <DatePickerInput
        type="range"
        aria-label="Date range"
        leftSection={<IconCalendar size={16} aria-hidden />}
        valueFormat="D MMM YYYY"
        allowSingleDateInRange
        numberOfColumns={2}
        // Two months ending at the range's last day (the past is what one picks from), not
        // starting at its first day as Mantine would; paging moves freely until it closes.
        date={shownMonth ?? `${addDays(`${filters.to.slice(0, 7)}-01`, -1).slice(0, 7)}-01`}
        onDateChange={setShownMonth}
        onDropdownClose={() => {
          setShownMonth(null);
          setPicking(null);
        }}
        maxDate={utcToday(Date.now())}
        value={picking ?? [filters.from, filters.to]}
        onChange={([from, to]) => {
          if (from && to) {
            setPicking(null);
            onChange({ from, to, range: null });
          } else setPicking([from, to]);
        }}
        w={{ base: "100%", sm: 260 }}
      />
      <Select
        aria-label="Customer"
        placeholder="Any customer"
        data={withCurrent(customerData, filters.customerId)}
        searchable
        clearable
        w={{ base: "100%", sm: 165 }}
        value={filters.customerId}
        onChange={(v) => onChange({ customer: v, key: null })}
      />
      <Select
        aria-label="Key"
        placeholder="Any key"
        data={withCurrent(keyData, filters.keyId)}
        searchable
        clearable
        w={{ base: "100%", sm: 185 }}
        value={filters.keyId}
        onChange={(v) => onChange({ key: v })}
      />
      <Select
        aria-label="Model"
        placeholder="Any model"
        data={withCurrent(modelData, filters.model)}
        searchable
        clearable
        w={{ base: "100%", sm: 165 }}
        value={filters.model}
        onChange={(v) => onChange({ model: v })}
      />
      {onClear && (
        <Button variant="subtle" size="sm" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
