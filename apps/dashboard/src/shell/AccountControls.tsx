import { ActionIcon, Box, Button, Menu, Text } from "@mantine/core";
import { IconLogout, IconUserCircle } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { useAuth } from "../auth/AuthProvider.tsx";

/** E-mail and Sign out in the header; folded into a menu on narrow screens. */
export function AccountControls() {
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
  const email = session?.user.email ?? "";
  const onSignOut = async () => {
    await signOut();
    navigate("/login", { replace: true });
  };
  return (
    <>
      <Text size="sm" c="dimmed" truncate="end" maw={320} title={email} visibleFrom="sm">
        {email}
      </Text>
      <Box visibleFrom="sm">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={onSignOut}
        >
          Sign out
        </Button>
      </Box>
      <Box hiddenFrom="sm">
        <Menu position="bottom-end" width={240} shadow="md">
          <Menu.Target>
            <ActionIcon variant="default" size="lg" aria-label="Account">
              <IconUserCircle size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Signed in as</Menu.Label>
            <Text size="sm" px="sm" pb="xs" style={{ wordBreak: "break-all" }}>
              {email}
            </Text>
            <Menu.Divider />
            <Menu.Item leftSection={<IconLogout size={14} />} onClick={onSignOut}>
              Sign out
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Box>
    </>
  );
}
