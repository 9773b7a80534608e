import { can } from "@edgeplane/contracts";
import { Anchor, Card, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate } from "react-router";
import { useCreateSite, useSiteOptions } from "../../api/sites.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RoleNotice } from "../../components/RoleNotice.tsx";
import { useOrg } from "../../org/use-org.ts";
import { SiteForm } from "../sites/SiteForm.tsx";
import { OnboardingSteps } from "./OnboardingSteps.tsx";

/** Runbook step 03: register a host site, then go on to its first node. */
export function OnboardingSitePage() {
  const { org, role } = useOrg();
  const create = useCreateSite(org.id);
  const existing = useSiteOptions(org.id);
  const navigate = useNavigate();
  const count = existing.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title="Add the first site"
        purpose="Register a host location. Commercial sites first: telecom rooms, universities, banks, hospitals, industrial parks or edge rooms."
      />
      <OnboardingSteps active={1} />
      {count > 0 && (
        <Text size="sm" c="dimmed" mb="md">
          {org.name} already has {count} {count === 1 ? "site" : "sites"}.{" "}
          <Anchor component={Link} to="/onboarding/node">
            Go on to node registration
          </Anchor>{" "}
          or add another site below.
        </Text>
      )}
      {!can(role, "sites.write") ? (
        <RoleNotice role={role} action="add sites" />
      ) : (
        <Card withBorder padding="lg" maw={880}>
          <SiteForm
            key={org.id}
            submitLabel="Add site"
            failureTitle="Could not add the site"
            submit={(input) =>
              create.mutateAsync(input).then((site) => {
                notifications.show({
                  color: "teal",
                  message: `Site ${site.name} added. Next: register its first node.`,
                });
                navigate(`/onboarding/node?site=${encodeURIComponent(site.id)}`);
              })
            }
          />
        </Card>
      )}
    </>
  );
}
