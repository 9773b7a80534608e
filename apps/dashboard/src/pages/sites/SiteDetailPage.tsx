import { connectivityTierDescriptions, regionLabels } from "@edgeplane/contracts";
import { Anchor, Box, Card, DataList, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import type { Site } from "../../api/fleet-types.ts";
import { useNodes } from "../../api/nodes.ts";
import { useSite } from "../../api/sites.ts";
import { CapacityBar } from "../../components/CapacityBar.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";
import { siteTypeLabel, tierLabel } from "../../lib/site-form.ts";
import { formatEnergyPrice, formatKw } from "../../lib/units.ts";
import { useOrg } from "../../org/use-org.ts";
import { NodesTable } from "../nodes/NodesTable.tsx";
import { SiteActions } from "./SiteActions.tsx";

/** One site: its details, power headroom and nodes. */
export function SiteDetailPage() {
  const { org, role } = useOrg();
  const { siteId = "" } = useParams();
  const site = useSite(org.id, siteId);
  if (site.isPending) {
    return (
      <>
        <PageHeader title="Site" purpose="Loading the site…" />
        <TableSkeleton rows={6} />
      </>
    );
  }
  if (site.isError) {
    return (
      <>
        <PageHeader
          title="Site"
          purpose={
            <Anchor component={Link} to="/sites">
              Back to all sites
            </Anchor>
          }
        />
        <ProblemAlert
          error={site.error}
          title="Could not load the site"
          onRetry={() => void site.refetch()}
        />
      </>
    );
  }
  const s = site.data;
  return (
    <>
      <PageHeader
        title={s.name}
        purpose={
          <>
            <Anchor component={Link} to="/sites" size="sm">
              Sites
            </Anchor>{" "}
            · {siteTypeLabel(s.siteType)} in {s.city}, {s.countryName}
          </>
        }
        action={<SiteActions orgId={org.id} role={role} site={s} />}
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card withBorder padding="lg">
            <Title order={2} fz="md" mb="md">
              Power
            </Title>
            <CapacityBar power={s.power} />
            <Text size="xs" c="dimmed" mt="sm">
              Allocated is the sum of the power draw of its {s.nodeCount}{" "}
              {s.nodeCount === 1 ? "node" : "nodes"}.
            </Text>
          </Card>
          <Card withBorder padding="lg">
            <Title order={2} fz="md" mb="md">
              Details
            </Title>
            <SiteDetails site={s} />
          </Card>
        </SimpleGrid>
        <SiteNodes orgId={org.id} site={s} />
      </Stack>
    </>
  );
}

function SiteDetails({ site }: { site: Site }) {
  const rows: [string, React.ReactNode][] = [
    ["Status", <StateBadge key="s" kind="site" state={site.status} />],
    ["Location", `${site.city}, ${site.countryName} (${site.country})`],
    ["Region", regionLabels[site.region]],
    [
      "Connectivity",
      `${tierLabel(site.connectivityTier)}: ${connectivityTierDescriptions[site.connectivityTier]}`,
    ],
    ["Power capacity", formatKw(site.powerCapacityKw)],
    ["PUE", site.pue === null ? "—" : String(site.pue)],
    ["Energy price", formatEnergyPrice(site.energyPricePerKwh, site.currency)],
    ["Added", <RelativeTime key="c" iso={site.createdAt} />],
  ];
  return (
    <DataList labelWidth={130} gap="xs">
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

function SiteNodes({ orgId, site }: { orgId: string; site: Site }) {
  const nodes = useNodes(orgId, { siteId: site.id });
  const rows = nodes.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Box component="section" aria-labelledby="site-nodes">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="md" id="site-nodes">
          Nodes on this site
        </Title>
      </Group>
      {nodes.isPending ? (
        <TableSkeleton rows={3} />
      ) : nodes.isError ? (
        <ProblemAlert
          error={nodes.error}
          title="Could not load the nodes"
          onRetry={() => void nodes.refetch()}
        />
      ) : (
        <>
          <NodesTable
            nodes={rows}
            hideSite
            fetching={nodes.isFetching && !nodes.isFetchingNextPage}
            noRecordsText={
              site.status === "retired"
                ? "No nodes on this site."
                : "No nodes yet. Register the first node on this site."
            }
          />
          <LoadMore
            shown={rows.length}
            total={nodes.data.pages[0]?.total ?? 0}
            noun={["node", "nodes"]}
            hasMore={nodes.hasNextPage}
            loading={nodes.isFetchingNextPage}
            onLoadMore={() => void nodes.fetchNextPage()}
          />
        </>
      )}
    </Box>
  );
}
