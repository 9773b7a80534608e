import { CloseButton, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";

interface Props {
  label: string;
  placeholder: string;
  value: string | null;
  onChange: (value: string | null) => void;
}

/** A list's search box: asks the server once typing pauses. */
export function SearchInput({ label, placeholder, value, onChange }: Props) {
  const [text, setText] = useState(value ?? "");
  const push = useDebouncedCallback((v: string) => onChange(v.trim() || null), 300);
  // "Clear filters" empties the box too.
  useEffect(() => {
    if (value === null) setText("");
  }, [value]);
  return (
    <TextInput
      aria-label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      w={{ base: "100%", sm: 260 }}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
      rightSection={
        text ? (
          <CloseButton
            aria-label="Clear search"
            size="sm"
            onClick={() => {
              setText("");
              onChange(null);
            }}
          />
        ) : null
      }
    />
  );
}
