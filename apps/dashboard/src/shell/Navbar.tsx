import { AppShell, Badge, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { Link, useLocation } from "react-router";
import { activeItem, type NavItem, navGroups, settingsItem } from "./nav.ts";

function Item({ item, active }: { item: NavItem; active: boolean }) {
  const Icon = item.icon;
  return (
    <NavLink
      component={Link}
      to={item.href}
      label={item.label}
      leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
      rightSection={
        item.built ? undefined : (
          <Badge size="xs" variant="light" color="gray" aria-hidden>
            {item.step}
          </Badge>
        )
      }
      active={active}
      aria-current={active ? "page" : undefined}
    />
  );
}

/** The runbook's groups, in the runbook's order. */
export function Navbar() {
  const { pathname } = useLocation();
  const active = activeItem(pathname);
  return (
    <>
      {/* A visible scrollbar: on a short screen the list is cut, and hover-only bars hid that. */}
      <AppShell.Section grow component={ScrollArea} type="auto" p="xs">
        <Stack gap="md">
          {navGroups.map((group) => (
            <nav key={group.label} aria-label={group.label}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                {group.label}
              </Text>
              {group.items.map((item) => (
                <Item key={item.href} item={item} active={item === active} />
              ))}
            </nav>
          ))}
        </Stack>
      </AppShell.Section>
      <AppShell.Section p="xs" style={{ borderTop: "1px solid var(--app-shell-border-color)" }}>
        <Item item={settingsItem} active={settingsItem === active} />
      </AppShell.Section>
    </>
  );
}
