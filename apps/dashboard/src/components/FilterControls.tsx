import { Button, Select } from "@mantine/core";

/** One enum or list filter of a list page: clearable, full width on phones. */
export function FilterSelect(props: {
  label: string;
  placeholder: string;
  data: readonly (string | { value: string; label: string })[];
  value: string | null;
  onChange: (value: string | null) => void;
  width: number;
  searchable?: boolean;
}) {
  return (
    <Select
      aria-label={props.label}
      placeholder={props.placeholder}
      data={[...props.data]}
      searchable={props.searchable}
      clearable
      w={{ base: "100%", sm: props.width }}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

/** Shown only while a filter is set: back to every row. */
export function ClearFilters({ filters }: { filters: { active: boolean; clear: () => void } }) {
  if (!filters.active) return null;
  return (
    <Button variant="subtle" size="sm" onClick={filters.clear}>
      Clear filters
    </Button>
  );
}
