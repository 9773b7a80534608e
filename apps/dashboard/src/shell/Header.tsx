import { Burger, Group, Text, UnstyledButton } from "@mantine/core";
import { IconStack2 } from "@tabler/icons-react";
import { Link } from "react-router";
import { AccountControls } from "./AccountControls.tsx";
import { ColorSchemeToggle } from "./ColorSchemeToggle.tsx";
import { OrgSwitcher } from "./OrgSwitcher.tsx";

interface Props {
  navOpened: boolean;
  onToggleNav: () => void;
}

export function Header({ navOpened, onToggleNav }: Props) {
  return (
    <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
      <Group gap="sm" wrap="nowrap" miw={0}>
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={navOpened ? "Close navigation" : "Open navigation"}
        />
        <UnstyledButton
          component={Link}
          to="/"
          aria-label="Edgeplane home"
          style={{ display: "flex", alignItems: "center", gap: 6, flexShrink: 0 }}
        >
          <IconStack2 size={22} color="var(--mantine-primary-color-filled)" aria-hidden />
          <Text fw={700} visibleFrom="sm">
            Edgeplane
          </Text>
        </UnstyledButton>
        <OrgSwitcher />
      </Group>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        <AccountControls />
        <ColorSchemeToggle />
      </Group>
    </Group>
  );
}
