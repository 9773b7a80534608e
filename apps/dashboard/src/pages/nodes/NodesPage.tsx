import { acceleratorCatalogue, can, isId, nodeStatuses } from "@edgeplane/contracts";
import { Button, Group, Text } from "@mantine/core";
import { IconPlus, IconServer } from "@tabler/icons-react";
import { Link } from "react-router";
import { useNodes } from "../../api/nodes.ts";
import { useSiteOptions } from "../../api/sites.ts";
import { ClearFilters, FilterSelect } from "../../components/FilterControls.tsx";
import { oneOf, useFilterParams } from "../../components/filter-params.ts";
import { ListEmpty } from "../../components/ListEmpty.tsx";
import { PagedList } from "../../components/PagedList.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { SearchInput } from "../../components/SearchInput.tsx";
import { stateOptions } from "../../lib/states.ts";
import { useOrg } from "../../org/use-org.ts";
import { allNavItems } from "../../shell/nav.ts";
import { NodesTable } from "./NodesTable.tsx";

const purpose = allNavItems.find((i) => i.href === "/nodes")?.purpose ?? "";
const filterKeys = ["q", "status", "site", "accelerator"] as const;
const acceleratorOptions = acceleratorCatalogue.map((a) => ({ value: a.id, label: a.label }));

/** The node registry with its health; refreshes every 30 s. */
export function NodesPage() {
  const { org, role } = useOrg();
  const filters = useFilterParams(filterKeys);
  const { q, status, site, accelerator } = filters.values;
  const sites = useSiteOptions(org.id);
  const nodes = useNodes(org.id, {
    q: q ?? undefined,
    status: oneOf(nodeStatuses, status),
    siteId: site && isId("site", site) ? site : null,
    acceleratorType: accelerator,
  });
  const writer = can(role, "nodes.write");
  const siteOptions = (sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));

  const body = (
    <PagedList
      query={nodes}
      filtersActive={filters.active}
      errorTitle="Could not load the nodes"
      empty={
        <ListEmpty
          icon={<IconServer size={28} />}
          title="No nodes yet"
          description="Register your first node: its site, accelerators, power draw and latency, then generate its API key for the agent."
          action={
            writer ? { to: "/onboarding/node", label: "Register your first node" } : undefined
          }
        />
      }
      noun={["node", "nodes"]}
    >
      {(rows) => (
        <NodesTable
          nodes={rows}
          fetching={nodes.isFetching && !nodes.isFetchingNextPage && !nodes.isRefetching}
          noRecordsText="No nodes match these filters"
        />
      )}
    </PagedList>
  );

  return (
    <>
      <PageHeader
        title="Nodes"
        purpose={purpose}
        action={
          writer ? (
            <Button component={Link} to="/onboarding/node" leftSection={<IconPlus size={16} />}>
              Register node
            </Button>
          ) : undefined
        }
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <SearchInput
          label="Search nodes"
          placeholder="Search name or external ID"
          value={q}
          onChange={(v) => filters.set("q", v)}
        />
        <FilterSelect
          label="Status"
          placeholder="Any status"
          data={stateOptions("node")}
          width={150}
          value={oneOf(nodeStatuses, status)}
          onChange={(v) => filters.set("status", v)}
        />
        <FilterSelect
          label="Site"
          placeholder="Any site"
          data={siteOptions}
          searchable
          width={220}
          value={site}
          onChange={(v) => filters.set("site", v)}
        />
        <FilterSelect
          label="Accelerator"
          placeholder="Any accelerator"
          data={acceleratorOptions}
          searchable
          width={200}
          value={accelerator}
          onChange={(v) => filters.set("accelerator", v)}
        />
        <ClearFilters filters={filters} />
        {nodes.dataUpdatedAt > 0 && (
          <Text size="xs" c="dimmed" ml="auto">
            Updated <RelativeTime iso={new Date(nodes.dataUpdatedAt).toISOString()} size="xs" />
          </Text>
        )}
      </Group>
      {body}
    </>
  );
}
