import { can } from "@edgeplane/contracts";
import { Tabs } from "@mantine/core";
import { IconBuilding, IconHistory, IconUsers } from "@tabler/icons-react";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useCurrentOrg } from "../../org/CurrentOrgProvider.tsx";
import { AuditTab } from "./AuditTab.tsx";
import { MembersTab } from "./MembersTab.tsx";
import { OrganizationTab } from "./OrganizationTab.tsx";

export function SettingsPage() {
  const { current } = useCurrentOrg();
  const [params, setParams] = useSearchParams();
  if (!current) return null;
  const canAudit = can(current.role, "audit.read");
  const tabs = ["organization", "members", ...(canAudit ? ["audit"] : [])];
  const requested = params.get("tab") ?? "";
  const tab = tabs.includes(requested) ? requested : "organization";
  return (
    <>
      <PageHeader
        title="Settings"
        purpose="The current organization: its details, members and audit log."
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
        key={current.org.id}
      >
        <Tabs.List>
          <Tabs.Tab value="organization" leftSection={<IconBuilding size={16} aria-hidden />}>
            Organization
          </Tabs.Tab>
          <Tabs.Tab value="members" leftSection={<IconUsers size={16} aria-hidden />}>
            Members
          </Tabs.Tab>
          {canAudit && (
            <Tabs.Tab value="audit" leftSection={<IconHistory size={16} aria-hidden />}>
              Audit log
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="organization" pt="lg">
          <OrganizationTab membership={current} />
        </Tabs.Panel>
        <Tabs.Panel value="members" pt="lg">
          <MembersTab membership={current} />
        </Tabs.Panel>
        {canAudit && (
          <Tabs.Panel value="audit" pt="lg">
            <AuditTab orgId={current.org.id} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
