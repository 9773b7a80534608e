import { connectivityTierDescriptions, regionLabels } from "@edgeplane/contracts";
import { Anchor, Text, Tooltip } from "@mantine/core";
import { DataTable } from "mantine-datatable";
import { Link } from "react-router";
import type { Site } from "../../api/fleet-types.ts";
import { StateBadge } from "../../components/StateBadge.tsx";
import { siteTypeLabel, tierLabel } from "../../lib/site-form.ts";
import { formatKw } from "../../lib/units.ts";

interface Props {
  sites: Site[];
  fetching: boolean;
  noRecordsText: string;
}

export function SitesTable({ sites, fetching, noRecordsText }: Props) {
  return (
    <DataTable<Site>
      withTableBorder
      borderRadius="sm"
      highlightOnHover
      records={sites}
      fetching={fetching}
      minHeight={sites.length === 0 ? 160 : undefined}
      noRecordsText={noRecordsText}
      columns={[
        {
          accessor: "name",
          title: "Name",
          render: (s) => (
            <Anchor component={Link} to={`/sites/${s.id}`} size="sm" fw={500}>
              {s.name}
            </Anchor>
          ),
        },
        { accessor: "city", title: "City" },
        { accessor: "countryName", title: "Country" },
        { accessor: "region", title: "Region", render: (s) => regionLabels[s.region] },
        { accessor: "siteType", title: "Type", render: (s) => siteTypeLabel(s.siteType) },
        {
          accessor: "connectivityTier",
          title: "Tier",
          noWrap: true,
          render: (s) => (
            <Tooltip
              label={connectivityTierDescriptions[s.connectivityTier]}
              withArrow
              multiline
              w={260}
            >
              <Text size="sm" span tabIndex={0}>
                {tierLabel(s.connectivityTier)}
              </Text>
            </Tooltip>
          ),
        },
        {
          accessor: "powerCapacityKw",
          title: "Capacity",
          textAlign: "right",
          noWrap: true,
          render: (s) => formatKw(s.power.capacityKw),
        },
        {
          accessor: "power.headroomKw",
          title: "Headroom",
          textAlign: "right",
          noWrap: true,
          render: (s) => (
            <Text size="sm" span c={s.power.headroomKw < 0 ? "red" : undefined}>
              {formatKw(s.power.headroomKw)}
            </Text>
          ),
        },
        { accessor: "nodeCount", title: "Nodes", textAlign: "right" },
        {
          accessor: "status",
          title: "Status",
          width: 150,
          render: (s) => <StateBadge kind="site" state={s.status} />,
        },
      ]}
    />
  );
}
