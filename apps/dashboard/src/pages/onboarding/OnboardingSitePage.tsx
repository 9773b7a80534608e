import { Alert, Button, Group, Text } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { Link } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { OnboardingSteps } from "./OnboardingSteps.tsx";

/** Runbook step 03's entry point; the form arrives with the sites work. */
export function OnboardingSitePage() {
  return (
    <>
      <PageHeader
        title="Add the first site"
        purpose="Register the organization's first host location: a telecom room, university, bank, hospital, industrial park or edge room."
      />
      <OnboardingSteps active={1} />
      <Alert
        variant="light"
        icon={<IconInfoCircle />}
        title="Site registration is not available yet"
      >
        <Text size="sm">
          Site registration arrives with the sites work (runbook step 03): site name, city, country,
          power capacity, site type and connectivity tier. Your organization is set up; nothing else
          is needed from you here for now.
        </Text>
      </Alert>
      <Group mt="lg" gap="sm">
        <Button component={Link} to="/">
          Go to Getting started
        </Button>
        <Button component={Link} to="/settings?tab=members" variant="default">
          Invite your team
        </Button>
      </Group>
    </>
  );
}
