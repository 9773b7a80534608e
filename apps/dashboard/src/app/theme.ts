import { createTheme, Select } from "@mantine/core";

/** Dense and calm: the operators' console, not a marketing page. */
export const theme = createTheme({
  primaryColor: "blue",
  defaultRadius: "sm",
  fontFamily:
    "Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  fontFamilyMonospace: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
  focusRing: "auto",
  cursorType: "pointer",
  components: {
    // A closed select keeps no hidden listbox labelled like its input, so a label names one control.
    Select: Select.extend({ defaultProps: { comboboxProps: { keepMounted: false } } }),
  },
});
