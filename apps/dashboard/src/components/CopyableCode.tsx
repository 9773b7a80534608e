import { ActionIcon, Box, Code, CopyButton, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";

interface Props {
  value: string;
  /** The copy button's accessible name, e.g. "Copy secret". */
  copyLabel: string;
  /** A test hook and a way for the page to find the block again. */
  testId?: string;
}

/** A code block with a copy button in its corner. */
export function CopyableCode({ value, copyLabel, testId }: Props) {
  return (
    <Box pos="relative">
      <Code
        block
        data-testid={testId}
        pr={44}
        style={{
          whiteSpace: "pre-wrap",
          wordBreak: "break-all",
          fontSize: "var(--mantine-font-size-sm)",
        }}
      >
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : copyLabel} withArrow position="left">
            <ActionIcon
              pos="absolute"
              top={6}
              right={6}
              variant="default"
              color={copied ? "teal" : "gray"}
              onClick={copy}
              aria-label={copyLabel}
            >
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Box>
  );
}
