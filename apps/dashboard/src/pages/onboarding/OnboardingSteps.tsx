import { Progress, Stepper, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";

const steps = [
  { label: "Organization", step: "02" },
  { label: "First site", step: "03" },
  { label: "First node", step: "04" },
];

/** Onboarding's three stages: organization (02), first site (03), first node (04). */
export function OnboardingSteps({ active }: { active: 0 | 1 | 2 }) {
  const wide = useMediaQuery("(min-width: 48em)", true);
  const current = steps[active];
  if (!wide && current) {
    return (
      <>
        <Text size="sm" fw={600}>
          Step {active + 1} of {steps.length}: {current.label}
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          Runbook step {current.step}
        </Text>
        <Progress value={((active + 1) / steps.length) * 100} size="sm" mb="lg" aria-hidden />
      </>
    );
  }
  return (
    <Stepper active={active} size="sm" mb="xl" allowNextStepsSelect={false}>
      {steps.map((s) => (
        <Stepper.Step key={s.step} label={s.label} description={`Runbook step ${s.step}`} />
      ))}
    </Stepper>
  );
}
