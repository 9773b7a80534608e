import { can, isId, nodeKeyStates } from "@edgeplane/contracts";
import { Group } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { useNodeKeys } from "../../api/node-keys.ts";
import { useNodeOptions } from "../../api/nodes.ts";
import { ClearFilters, FilterSelect } from "../../components/FilterControls.tsx";
import { oneOf, useFilterParams } from "../../components/filter-params.ts";
import { ListEmpty } from "../../components/ListEmpty.tsx";
import { PagedList } from "../../components/PagedList.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { stateOptions } from "../../lib/states.ts";
import { useOrg } from "../../org/use-org.ts";
import { allNavItems } from "../../shell/nav.ts";
import { NodeKeysTable } from "./NodeKeysTable.tsx";

const purpose = allNavItems.find((i) => i.href === "/nodes/keys")?.purpose ?? "";
const filterKeys = ["state", "node"] as const;

/** Every node key of the organization: prefixes, use and state, never a secret. */
export function NodeKeysPage() {
  const { org, role } = useOrg();
  const filters = useFilterParams(filterKeys);
  const { state, node } = filters.values;
  const nodes = useNodeOptions(org.id);
  const keys = useNodeKeys(org.id, {
    state: oneOf(nodeKeyStates, state),
    nodeId: node && isId("node", node) ? node : null,
  });
  const nodeOptions = (nodes.data?.items ?? []).map((n) => ({ value: n.id, label: n.name }));

  const body = (
    <PagedList
      query={keys}
      filtersActive={filters.active}
      errorTitle="Could not load the node keys"
      empty={
        <ListEmpty
          icon={<IconKey size={28} />}
          title="No node keys yet"
          description="Register a node and generate its API key; the key's prefix is listed here, its secret never."
          action={
            can(role, "nodes.write")
              ? { to: "/onboarding/node", label: "Register a node" }
              : undefined
          }
        />
      }
      noun={["key", "keys"]}
    >
      {(rows) => (
        <NodeKeysTable
          orgId={org.id}
          keys={rows}
          manage={can(role, "nodeKeys.write")}
          fetching={keys.isFetching && !keys.isFetchingNextPage}
          noRecordsText="No keys match these filters"
        />
      )}
    </PagedList>
  );

  return (
    <>
      <PageHeader title="Node keys" purpose={purpose} />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <FilterSelect
          label="State"
          placeholder="Any state"
          data={stateOptions("key")}
          width={150}
          value={oneOf(nodeKeyStates, state)}
          onChange={(v) => filters.set("state", v)}
        />
        <FilterSelect
          label="Node"
          placeholder="Any node"
          data={nodeOptions}
          searchable
          width={240}
          value={node}
          onChange={(v) => filters.set("node", v)}
        />
        <ClearFilters filters={filters} />
      </Group>
      {body}
    </>
  );
}
