import { incidentSeverities, isId } from "@edgeplane/contracts";
import { Group, SegmentedControl, Select } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useIncidents } from "../../api/incidents.ts";
import { useNodeOptions } from "../../api/nodes.ts";
import { useSiteOptions } from "../../api/sites.ts";
import { ClearFilters, FilterSelect } from "../../components/FilterControls.tsx";
import { oneOf, useFilterParams } from "../../components/filter-params.ts";
import { ListEmpty } from "../../components/ListEmpty.tsx";
import { PagedList } from "../../components/PagedList.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { UpdatedAgo } from "../../components/UpdatedAgo.tsx";
import { severitiesWorstFirst, severityStyles } from "../../lib/ops-states.ts";
import { useOrg } from "../../org/use-org.ts";
import { allNavItems } from "../../shell/nav.ts";
import { IncidentsTable } from "./IncidentsTable.tsx";

const purpose = allNavItems.find((i) => i.href === "/incidents")?.purpose ?? "";
const filterKeys = ["status", "severity", "site", "node"] as const;
const listStatuses = ["open", "resolved", "all"] as const;
const severityOptions = severitiesWorstFirst.map((s) => ({
  value: s,
  label: severityStyles[s].label,
}));

/** Degraded and critical events, newest first; open ones by default. */
export function IncidentsPage() {
  const { org } = useOrg();
  const filters = useFilterParams(filterKeys);
  const { severity, site, node } = filters.values;
  const status = oneOf(listStatuses, filters.values.status) ?? "open";
  const sites = useSiteOptions(org.id);
  const nodes = useNodeOptions(org.id);
  const incidents = useIncidents(org.id, {
    status,
    severity: oneOf(incidentSeverities, severity),
    siteId: site && isId("site", site) ? site : null,
    nodeId: node && isId("node", node) ? node : null,
  });
  const narrowed = Boolean(severity || site || node);

  const body = (
    <PagedList
      query={incidents}
      filtersActive={narrowed || status === "resolved"}
      errorTitle="Could not load the incidents"
      empty={
        <ListEmpty
          icon={<IconCircleCheck size={28} />}
          title={status === "open" ? "No open incidents" : "No incidents yet"}
          description="Edgeplane opens an incident when a node degrades (GPU temperature, XID or ECC errors, an unhealthy inference server) or goes offline, and resolves it when the node recovers."
          action={{ to: "/operator", label: "Open mission control" }}
        />
      }
      noun={["incident", "incidents"]}
    >
      {(rows) => (
        <IncidentsTable
          incidents={rows}
          fetching={
            incidents.isFetching && !incidents.isFetchingNextPage && !incidents.isRefetching
          }
          noRecordsText="No incidents match these filters"
        />
      )}
    </PagedList>
  );

  return (
    <>
      <PageHeader
        title="Incidents"
        purpose={purpose}
        action={<UpdatedAgo updatedAt={incidents.dataUpdatedAt} failed={incidents.isError} />}
      />
      <Group gap="sm" mb="md" align="center" wrap="wrap">
        <SegmentedControl
          aria-label="Show"
          data={[
            { value: "open", label: "Open" },
            { value: "resolved", label: "Resolved" },
            { value: "all", label: "All" },
          ]}
          value={status}
          onChange={(v) => filters.set("status", v === "open" ? null : v)}
        />
        <FilterSelect
          label="Severity"
          placeholder="Any severity"
          data={severityOptions}
          width={160}
          value={oneOf(incidentSeverities, severity)}
          onChange={(v) => filters.set("severity", v)}
        />
        <Select
          aria-label="Site"
          placeholder="Any site"
          data={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          searchable
          clearable
          w={{ base: "100%", sm: 220 }}
          value={site}
          onChange={(v) => filters.set("site", v)}
        />
        <Select
          aria-label="Node"
          placeholder="Any node"
          data={(nodes.data?.items ?? []).map((n) => ({ value: n.id, label: n.name }))}
          searchable
          clearable
          w={{ base: "100%", sm: 200 }}
          value={node}
          onChange={(v) => filters.set("node", v)}
        />
        <ClearFilters filters={filters} />
      </Group>
      {body}
    </>
  );
}
