import { can } from "@edgeplane/contracts";
import { Button, Group, Stack } from "@mantine/core";
import { IconPlus, IconUserShield } from "@tabler/icons-react";
import { useMemo } from "react";
import { Link } from "react-router";
import { useModels } from "../../api/models.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useOrg } from "../../org/use-org.ts";
import { allNavItems } from "../../shell/nav.ts";
import { EndpointsSection } from "./EndpointsSection.tsx";
import { exampleModels, gatewayBaseUrl } from "./examples.ts";
import { addModelHref, ModelCatalogue } from "./ModelCatalogue.tsx";
import { RoutingSection } from "./RoutingSection.tsx";
import { SupportSection } from "./SupportSection.tsx";

const purpose = allNavItems.find((i) => i.href === "/gateway")?.purpose ?? "";

/** Runbook 07: the endpoints, the model catalogue, routing and limits, SLA and support. */
export function GatewayPage() {
  const { org, role } = useOrg();
  const manage = can(role, "models.write");
  // The same key as the catalogue's query without filters: one request feeds both.
  const catalogue = useModels(org.id, { q: undefined, kind: null, status: null });
  const firstPage = catalogue.data?.pages[0]?.items;
  const ctx = useMemo(
    () => ({
      baseUrl: gatewayBaseUrl(window.location.origin),
      ...exampleModels(firstPage ?? []),
    }),
    [firstPage],
  );
  const action = (
    <Group gap="sm">
      <Button
        component={Link}
        to="/customers/keys"
        variant="default"
        leftSection={<IconUserShield size={16} />}
      >
        Customer keys
      </Button>
      {manage && (
        <Button component={Link} to={addModelHref} leftSection={<IconPlus size={16} />}>
          Add model
        </Button>
      )}
    </Group>
  );
  return (
    <>
      <PageHeader title="Gateway" purpose={purpose} action={action} />
      <Stack gap="xl">
        <EndpointsSection ctx={ctx} />
        <ModelCatalogue orgId={org.id} manage={manage} />
        <RoutingSection />
        <SupportSection />
      </Stack>
    </>
  );
}
