import { Center, Loader } from "@mantine/core";
import { Navigate, Outlet, useLocation } from "react-router";
import { useMe } from "../api/account.ts";
import { useAuth } from "../auth/AuthProvider.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { CurrentOrgProvider, useCurrentOrg } from "../org/CurrentOrgProvider.tsx";

function FullPageLoader() {
  return (
    <Center mih="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** Signed-in pages: no session → /login; then the user's organizations for the whole app. */
export function RequireSession() {
  const { ready, session } = useAuth();
  const me = useMe();
  if (!ready) return <FullPageLoader />;
  if (!session) return <Navigate to="/login" replace />;
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    return (
      <Center mih="100vh" p="md">
        <ProblemAlert
          error={me.error}
          title="Could not load your account"
          onRetry={() => void me.refetch()}
        />
      </Center>
    );
  }
  return (
    <CurrentOrgProvider userId={me.data.user.id} memberships={me.data.memberships}>
      <Outlet />
    </CurrentOrgProvider>
  );
}

/** Every app page needs an organization; without one the user is sent to create it. */
export function RequireOrg() {
  const { current } = useCurrentOrg();
  const location = useLocation();
  if (!current) return <Navigate to="/onboarding" replace state={{ from: location.pathname }} />;
  return <Outlet />;
}
