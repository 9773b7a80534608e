import { Button, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBuildingPlus, IconMailbox } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useMe } from "../../api/account.ts";
import type { Org } from "../../api/types.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useCurrentOrg } from "../../org/CurrentOrgProvider.tsx";
import { CreateOrgForm } from "./CreateOrgForm.tsx";
import { OnboardingSteps } from "./OnboardingSteps.tsx";

/** Runbook step 02: create the tenant, then go on to the first site. */
export function OnboardingPage() {
  const [creating, setCreating] = useState(false);
  const { select } = useCurrentOrg();
  const navigate = useNavigate();
  const onCreated = (org: Org) => {
    select(org.id);
    notifications.show({ color: "teal", message: "Organization created. Next: its first site." });
    navigate("/onboarding/site");
  };
  return (
    <>
      <PageHeader
        title="Set up your organization"
        purpose="An organization is the tenant for your team, a customer or a pilot network: its sites, nodes, keys and members."
      />
      <OnboardingSteps active={0} />
      {creating ? (
        <Card withBorder padding="lg">
          <Title order={2} fz="lg" mb="md">
            Create organization
          </Title>
          <CreateOrgForm onCreated={onCreated} onCancel={() => setCreating(false)} />
        </Card>
      ) : (
        <Choices onCreate={() => setCreating(true)} />
      )}
    </>
  );
}

function Choices({ onCreate }: { onCreate: () => void }) {
  const me = useMe();
  const { memberships } = useCurrentOrg();
  const navigate = useNavigate();
  const checkInvitations = async () => {
    const { data } = await me.refetch();
    const count = data?.memberships.length ?? 0;
    if (count > memberships.length) navigate("/");
    else notifications.show({ message: "No open invitations for your e-mail address yet." });
  };
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card withBorder padding="lg">
        <Stack gap="sm" h="100%">
          <IconBuildingPlus size={28} aria-hidden />
          <Title order={2} fz="lg">
            A new organization
          </Title>
          <Text size="sm" c="dimmed" flex={1}>
            Start a tenant for your team, a customer or a pilot network. You become its owner and
            can invite others.
          </Text>
          <Button onClick={onCreate} w="fit-content">
            Create organization
          </Button>
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Stack gap="sm" h="100%">
          <IconMailbox size={28} aria-hidden />
          <Title order={2} fz="lg">
            Join an existing one
          </Title>
          <Text size="sm" c="dimmed" flex={1}>
            Ask an owner or admin of that organization to invite the e-mail address you signed in
            with. You join as soon as the invitation exists.
          </Text>
          <Button
            variant="default"
            onClick={checkInvitations}
            loading={me.isFetching}
            w="fit-content"
          >
            Check for invitations
          </Button>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
