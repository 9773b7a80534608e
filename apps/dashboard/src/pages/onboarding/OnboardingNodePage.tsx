import { Alert, Text } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { PageHeader } from "../../components/PageHeader.tsx";
import { OnboardingSteps } from "./OnboardingSteps.tsx";

/** Runbook step 04's entry point; the form arrives with the nodes work. */
export function OnboardingNodePage() {
  return (
    <>
      <PageHeader
        title="Register the first node"
        purpose="Add a GPU or inference node to the registry and generate its telemetry key."
      />
      <OnboardingSteps active={2} />
      <Alert variant="light" icon={<IconInfoCircle />} title="This page is not available yet">
        <Text size="sm">
          Node registration arrives with runbook step 04 (register the first node): node name,
          external ID, accelerator type, GPU count, power draw, latency estimate and the node API
          key.
        </Text>
      </Alert>
    </>
  );
}
