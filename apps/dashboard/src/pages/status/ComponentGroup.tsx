import type { ComponentKind, StatusPage } from "@edgeplane/contracts";
import { Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { StateBadge } from "../../components/StateBadge.tsx";
import { UptimeBars } from "./UptimeBars.tsx";

type Component = StatusPage["components"][number];

export const kindTitles: Record<ComponentKind, string> = {
  region: "Regions",
  site: "Sites",
  model: "Models",
};

function ComponentName({ c }: { c: Component }) {
  const nodes = (
    <Text span size="xs" c="dimmed">
      {" "}
      · {c.nodes} {c.nodes === 1 ? "node" : "nodes"}
    </Text>
  );
  if (c.kind === "site") {
    return (
      <Text size="sm" fw={600}>
        <Anchor component={Link} to={`/sites/${c.id}`} inherit>
          {c.name}
        </Anchor>
        {nodes}
      </Text>
    );
  }
  return (
    <Text size="sm" fw={600}>
      {c.name}
      {nodes}
    </Text>
  );
}

/** One kind of component (regions, sites or models), each with its state and 90-day bars. */
export function ComponentGroup({
  kind,
  components,
  days,
}: {
  kind: ComponentKind;
  components: Component[];
  days: string[];
}) {
  return (
    <Paper withBorder component="section" aria-labelledby={`status-${kind}`}>
      <Title order={2} fz="md" px="md" pt="md" pb="xs" id={`status-${kind}`}>
        {kindTitles[kind]}
      </Title>
      <Stack gap={0}>
        {components.map((c) => (
          <Stack
            key={`${c.kind}:${c.id}`}
            gap={6}
            px="md"
            py="sm"
            style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
            data-testid={`component-${c.kind}`}
          >
            <Group justify="space-between" gap="xs">
              <ComponentName c={c} />
              <StateBadge kind="component" state={c.state} />
            </Group>
            <UptimeBars name={c.name} days={days} uptime={c.uptime} uptime90={c.uptime90} />
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
