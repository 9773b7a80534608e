import { roleLabels } from "@edgeplane/contracts";
import { Button, Menu, Text } from "@mantine/core";
import { IconCheck, IconPlus, IconSelector } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { useCurrentOrg } from "../org/CurrentOrgProvider.tsx";

/** The header's organization switcher; the choice is remembered (see CurrentOrgProvider). */
export function OrgSwitcher() {
  const { memberships, current, select } = useCurrentOrg();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-start" width={280} shadow="md" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          aria-label="Switch organization"
          rightSection={<IconSelector size={14} aria-hidden />}
          maw={{ base: 150, sm: 260 }}
          styles={{ label: { overflow: "hidden", textOverflow: "ellipsis" } }}
        >
          {current ? current.org.name : "No organization"}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Organizations</Menu.Label>
        {memberships.map((m) => (
          <Menu.Item
            key={m.org.id}
            onClick={() => select(m.org.id)}
            leftSection={
              m.org.id === current?.org.id ? (
                <IconCheck size={14} />
              ) : (
                <span style={{ width: 14 }} />
              )
            }
            rightSection={
              <Text size="xs" c="dimmed" aria-hidden>
                {roleLabels[m.role]}
              </Text>
            }
            aria-current={m.org.id === current?.org.id ? "true" : undefined}
          >
            {m.org.name}
          </Menu.Item>
        ))}
        {memberships.length === 0 && (
          <Text size="sm" c="dimmed" px="sm" py={6}>
            You are not in an organization yet.
          </Text>
        )}
        <Menu.Divider />
        <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => navigate("/onboarding")}>
          Create organization
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
