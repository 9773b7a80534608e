import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconArrowRight, IconCircleCheck, IconCircleDashed } from "@tabler/icons-react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { type RunbookStep, runbookSteps } from "../../lib/runbook.ts";
import { useCurrentOrg } from "../../org/CurrentOrgProvider.tsx";
import { allNavItems } from "../../shell/nav.ts";

type StepState = "done" | "next" | "todo";

/** What this session can prove; later steps report once their features exist. */
function doneSteps(signedIn: boolean, hasOrg: boolean): Set<string> {
  const done = new Set<string>();
  if (signedIn) done.add("01");
  if (hasOrg) done.add("02");
  return done;
}

export function GettingStartedPage() {
  const { session } = useAuth();
  const { current } = useCurrentOrg();
  const done = doneSteps(session !== null, current !== null);
  const next = runbookSteps.find((s) => !done.has(s.number))?.number;
  const stateOf = (s: RunbookStep): StepState =>
    done.has(s.number) ? "done" : s.number === next ? "next" : "todo";
  return (
    <>
      <PageHeader
        title="Getting started"
        purpose="The runbook's eight steps, and where the current organization stands."
      />
      <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: "none" }}>
        {runbookSteps.map((step) => (
          <StepRow key={step.number} step={step} state={stateOf(step)} />
        ))}
      </Stack>
    </>
  );
}

const stateBadge: Record<StepState, { label: string; color: string }> = {
  done: { label: "Done", color: "teal" },
  next: { label: "Next", color: "blue" },
  todo: { label: "To do", color: "gray" },
};

function StepRow({ step, state }: { step: RunbookStep; state: StepState }) {
  const badge = stateBadge[state];
  const pages = allNavItems.filter((i) => i.step === step.number && i.href !== "/");
  const target = step.number === "01" ? null : step.path;
  return (
    <Paper component="li" withBorder p="md" aria-label={`Step ${step.number}: ${step.title}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Group align="flex-start" wrap="nowrap" gap="md">
          <ThemeIcon variant="light" color={badge.color} size="lg" radius="xl" aria-hidden>
            {state === "done" ? <IconCircleCheck size={20} /> : <IconCircleDashed size={20} />}
          </ThemeIcon>
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} fz="md">
                {step.number} {step.title}
              </Title>
              <Badge color={badge.color} variant="light" size="sm">
                {badge.label}
              </Badge>
            </Group>
            <Text size="sm">{step.summary}</Text>
            <Text size="xs" c="dimmed">
              Owner: {step.owner} · Evidence: {step.evidence}
            </Text>
            {pages.length > 1 && (
              <Group gap={6} mt={4}>
                {pages.map((p) => (
                  <Button
                    key={p.href}
                    component={Link}
                    to={p.href}
                    size="compact-xs"
                    variant="subtle"
                  >
                    {p.label}
                  </Button>
                ))}
              </Group>
            )}
          </Stack>
        </Group>
        {target && state !== "done" && (
          <Button
            component={Link}
            to={target}
            size="xs"
            variant={state === "next" ? "filled" : "default"}
            rightSection={<IconArrowRight size={14} />}
            aria-label={`Open step ${step.number}: ${step.title}`}
          >
            Open
          </Button>
        )}
      </Group>
    </Paper>
  );
}
