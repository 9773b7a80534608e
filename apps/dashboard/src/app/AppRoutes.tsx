import { Route, Routes } from "react-router";
import { CustomerKeysPage } from "../pages/customers/CustomerKeysPage.tsx";
import { GatewayPage } from "../pages/gateway/GatewayPage.tsx";
import { GettingStartedPage } from "../pages/getting-started/GettingStartedPage.tsx";
import { IncidentDetailPage } from "../pages/incidents/IncidentDetailPage.tsx";
import { IncidentsPage } from "../pages/incidents/IncidentsPage.tsx";
import { LoginPage } from "../pages/login/LoginPage.tsx";
import { NotAvailablePage } from "../pages/NotAvailablePage.tsx";
import { NotFoundPage } from "../pages/NotFoundPage.tsx";
import { NodeKeysPage } from "../pages/node-keys/NodeKeysPage.tsx";
import { NodeDetailPage } from "../pages/nodes/NodeDetailPage.tsx";
import { NodesPage } from "../pages/nodes/NodesPage.tsx";
import { ObservabilityPage } from "../pages/observability/ObservabilityPage.tsx";
import { OnboardingNodePage } from "../pages/onboarding/OnboardingNodePage.tsx";
import { OnboardingPage } from "../pages/onboarding/OnboardingPage.tsx";
import { OnboardingSitePage } from "../pages/onboarding/OnboardingSitePage.tsx";
import { OperatorPage } from "../pages/operator/OperatorPage.tsx";
import { SettingsPage } from "../pages/settings/SettingsPage.tsx";
import { SiteDetailPage } from "../pages/sites/SiteDetailPage.tsx";
import { SitesPage } from "../pages/sites/SitesPage.tsx";
import { StatusPage } from "../pages/status/StatusPage.tsx";
import { UsagePage } from "../pages/usage/UsagePage.tsx";
import { AppLayout } from "../shell/AppLayout.tsx";
import { RequireOrg, RequireSession } from "../shell/guards.tsx";
import { allNavItems } from "../shell/nav.ts";

/** The runbook's paths. Pages that are not built yet say so instead of showing made-up data. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireSession />}>
        <Route element={<AppLayout />}>
          <Route path="/onboarding" element={<OnboardingPage />} />
          <Route element={<RequireOrg />}>
            <Route path="/" element={<GettingStartedPage />} />
            <Route path="/onboarding/site" element={<OnboardingSitePage />} />
            <Route path="/onboarding/node" element={<OnboardingNodePage />} />
            <Route path="/sites" element={<SitesPage />} />
            <Route path="/sites/:siteId" element={<SiteDetailPage />} />
            <Route path="/nodes" element={<NodesPage />} />
            <Route path="/nodes/keys" element={<NodeKeysPage />} />
            <Route path="/nodes/:nodeId" element={<NodeDetailPage />} />
            <Route path="/operator" element={<OperatorPage />} />
            <Route path="/status" element={<StatusPage />} />
            <Route path="/observability" element={<ObservabilityPage />} />
            <Route path="/incidents" element={<IncidentsPage />} />
            <Route path="/incidents/:incidentId" element={<IncidentDetailPage />} />
            <Route path="/usage" element={<UsagePage />} />
            <Route path="/gateway" element={<GatewayPage />} />
            <Route path="/customers/keys" element={<CustomerKeysPage />} />
            <Route path="/settings" element={<SettingsPage />} />
            {allNavItems
              .filter((item) => !item.built)
              .map((item) => (
                <Route
                  key={item.href}
                  path={item.href}
                  element={<NotAvailablePage item={item} />}
                />
              ))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
