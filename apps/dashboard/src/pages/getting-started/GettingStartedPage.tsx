import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconArrowRight, IconCircleCheck, IconCircleDashed } from "@tabler/icons-react";
import { Link } from "react-router";
import { useNodeKeys } from "../../api/node-keys.ts";
import { useOperatorSummary } from "../../api/operations.ts";
import { useSiteOptions } from "../../api/sites.ts";
import { useAuth } from "../../auth/AuthProvider.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { type RunbookStep, runbookSteps } from "../../lib/runbook.ts";
import { useCurrentOrg } from "../../org/CurrentOrgProvider.tsx";
import { allNavItems } from "../../shell/nav.ts";

type StepState = "done" | "next" | "todo";

interface Evidence {
  signedIn: boolean;
  hasOrg: boolean;
  /** 03: the org has a site. */
  hasSite: boolean;
  /** 04: a node has an active key. */
  hasKeyedNode: boolean;
  /** 05: a node has reported telemetry (it left "pending"). */
  hasReportingNode: boolean;
}

/** What the organization's data proves; later steps report once their features exist. */
export function doneSteps(e: Evidence): Set<string> {
  const done = new Set<string>();
  if (e.signedIn) done.add("01");
  if (e.hasOrg) done.add("02");
  if (e.hasSite) done.add("03");
  if (e.hasKeyedNode) done.add("04");
  if (e.hasReportingNode) done.add("05");
  return done;
}

/** The fleet's evidence for steps 03–05, from the same lists the pages show. */
function useFleetEvidence(orgId: string) {
  const sites = useSiteOptions(orgId);
  const keys = useNodeKeys(orgId, { state: "active" }, 1);
  const summary = useOperatorSummary(orgId);
  const nodes = summary.data?.nodes;
  return {
    hasSite: (sites.data?.total ?? 0) > 0,
    hasKeyedNode: (keys.data?.pages[0]?.total ?? 0) > 0,
    hasReportingNode: nodes !== undefined && nodes.total - nodes.pending > 0,
  };
}

export function GettingStartedPage() {
  const { session } = useAuth();
  const { current } = useCurrentOrg();
  const fleet = useFleetEvidence(current?.org.id ?? "");
  const done = doneSteps({ signedIn: session !== null, hasOrg: current !== null, ...fleet });
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
