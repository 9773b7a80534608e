import { can, isCountryCode, siteStatuses, siteTypes } from "@edgeplane/contracts";
import { Button, Group } from "@mantine/core";
import { IconBuilding, IconPlus } from "@tabler/icons-react";
import { useMemo } from "react";
import { Link } from "react-router";
import { useSites } from "../../api/sites.ts";
import { ClearFilters, FilterSelect } from "../../components/FilterControls.tsx";
import { oneOf, useFilterParams } from "../../components/filter-params.ts";
import { ListEmpty } from "../../components/ListEmpty.tsx";
import { PagedList } from "../../components/PagedList.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { SearchInput } from "../../components/SearchInput.tsx";
import { countryOptions, siteStatusOptions, siteTypeOptions } from "../../lib/site-form.ts";
import { useOrg } from "../../org/use-org.ts";
import { allNavItems } from "../../shell/nav.ts";
import { SitesTable } from "./SitesTable.tsx";

const purpose = allNavItems.find((i) => i.href === "/sites")?.purpose ?? "";
const filterKeys = ["q", "type", "country", "status"] as const;

/** Every host site of the organization, with its power headroom. */
export function SitesPage() {
  const { org, role } = useOrg();
  const filters = useFilterParams(filterKeys);
  const { q, type, country, status } = filters.values;
  const countries = useMemo(() => countryOptions(), []);
  const sites = useSites(org.id, {
    q: q ?? undefined,
    siteType: oneOf(siteTypes, type),
    country: country && isCountryCode(country) ? country : null,
    status: oneOf(siteStatuses, status),
  });
  const action = can(role, "sites.write") ? (
    <Button component={Link} to="/onboarding/site" leftSection={<IconPlus size={16} />}>
      Add site
    </Button>
  ) : undefined;

  const body = (
    <PagedList
      query={sites}
      filtersActive={filters.active}
      errorTitle="Could not load the sites"
      empty={
        <ListEmpty
          icon={<IconBuilding size={28} />}
          title="No sites yet"
          description="Add your first site: a telecom room, university, bank, hospital, industrial park or edge room. Nodes are registered on sites."
          action={
            can(role, "sites.write")
              ? { to: "/onboarding/site", label: "Add your first site" }
              : undefined
          }
        />
      }
      noun={["site", "sites"]}
    >
      {(rows) => (
        <SitesTable
          sites={rows}
          fetching={sites.isFetching && !sites.isFetchingNextPage}
          noRecordsText="No sites match these filters"
        />
      )}
    </PagedList>
  );

  return (
    <>
      <PageHeader title="Sites" purpose={purpose} action={action} />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <SearchInput
          label="Search sites"
          placeholder="Search name or city"
          value={q}
          onChange={(v) => filters.set("q", v)}
        />
        <FilterSelect
          label="Site type"
          placeholder="Any type"
          data={siteTypeOptions}
          width={170}
          value={oneOf(siteTypes, type)}
          onChange={(v) => filters.set("type", v)}
        />
        <FilterSelect
          label="Country"
          placeholder="Any country"
          data={countries}
          searchable
          width={200}
          value={country}
          onChange={(v) => filters.set("country", v)}
        />
        <FilterSelect
          label="Status"
          placeholder="Any status"
          data={siteStatusOptions}
          width={160}
          value={oneOf(siteStatuses, status)}
          onChange={(v) => filters.set("status", v)}
        />
        <ClearFilters filters={filters} />
      </Group>
      {body}
    </>
  );
}
