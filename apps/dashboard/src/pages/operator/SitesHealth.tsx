import { type NodeStatus, type OperatorSummary, regionLabels } from "@edgeplane/contracts";
import { Anchor, Box, Group, Paper, Progress, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { StateBadge } from "../../components/StateBadge.tsx";
import { nodeStatusStyles } from "../../lib/states.ts";
import { byRegion } from "./ordering.ts";

type SiteHealth = OperatorSummary["sites"][number];

const barStates: NodeStatus[] = ["online", "degraded", "offline", "maintenance", "pending"];

function SiteRow({ site, divider }: { site: SiteHealth; divider: boolean }) {
  const { counts } = site;
  const parts = barStates.filter((s) => counts[s] > 0);
  return (
    <Group
      component="li"
      gap="md"
      wrap="nowrap"
      px="sm"
      py={8}
      aria-label={`Site ${site.name}`}
      style={divider ? { borderTop: "1px solid var(--mantine-color-default-border)" } : undefined}
    >
      <Anchor
        component={Link}
        to={`/sites/${site.id}`}
        size="sm"
        fw={600}
        miw={0}
        truncate="end"
        title={site.name}
        style={{ flex: "0 1 320px" }}
      >
        {site.name}
      </Anchor>
      <Stack gap={4} style={{ flex: 1 }} miw={0}>
        {counts.total === 0 ? (
          <Text size="xs" c="dimmed">
            No nodes on this site yet
          </Text>
        ) : (
          <>
            <Progress.Root size="sm" aria-hidden>
              {parts.map((s) => (
                <Progress.Section
                  key={s}
                  value={(counts[s] / counts.total) * 100}
                  color={nodeStatusStyles[s].color}
                />
              ))}
            </Progress.Root>
            <Group gap="sm">
              {parts.map((s) => (
                <Group key={s} gap={4} wrap="nowrap">
                  <span
                    aria-hidden
                    style={{
                      width: 8,
                      height: 8,
                      borderRadius: "50%",
                      background: `var(--mantine-color-${nodeStatusStyles[s].color}-filled)`,
                    }}
                  />
                  <Text size="xs">
                    {counts[s]} {nodeStatusStyles[s].label.toLowerCase()}
                  </Text>
                </Group>
              ))}
            </Group>
          </>
        )}
      </Stack>
      <Box miw={180} style={{ flexShrink: 0, display: "flex", justifyContent: "flex-end" }}>
        <StateBadge kind="component" state={site.state} />
      </Box>
    </Group>
  );
}

/** Each site's health counts, grouped by region (a map-less view: regions, then sites). */
export function SitesHealth({ sites }: { sites: SiteHealth[] }) {
  if (sites.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No sites yet.{" "}
        <Anchor component={Link} to="/onboarding/site">
          Add your first site
        </Anchor>
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {byRegion(sites).map(([region, list]) => (
        <section key={region} aria-label={regionLabels[region]}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
            {regionLabels[region]} · {list.length} {list.length === 1 ? "site" : "sites"}
          </Text>
          <Paper withBorder style={{ overflow: "hidden" }}>
            <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
              {list.map((s, i) => (
                <SiteRow key={s.id} site={s} divider={i > 0} />
              ))}
            </Stack>
          </Paper>
        </section>
      ))}
    </Stack>
  );
}
