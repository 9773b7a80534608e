import { can, type IncidentDetail } from "@edgeplane/contracts";
import { Anchor, Card, DataList, Grid, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useIncident } from "../../api/incidents.ts";
import { useMembers } from "../../api/members.ts";
import { useSiteOptions } from "../../api/sites.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";
import { formatDuration } from "../../lib/ops-format.ts";
import { useOrg } from "../../org/use-org.ts";
import { IncidentActions } from "./IncidentActions.tsx";
import { IncidentTimeline } from "./IncidentTimeline.tsx";
import { causeLabels, incidentDurationMs } from "./incident-words.ts";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function Who({ person }: { person: IncidentDetail["assignee"] }) {
  return <>{person ? (person.email ?? "A former member") : "—"}</>;
}

function Details({ incident: i, siteName }: { incident: IncidentDetail; siteName: string | null }) {
  return (
    <DataList labelWidth={120} gap="xs">
      <Row label="Severity">
        <StateBadge kind="severity" state={i.severity} />
      </Row>
      <Row label="Status">
        <StateBadge kind="incident" state={i.status} />
      </Row>
      <Row label="Cause">{causeLabels[i.cause]}</Row>
      {i.nodeId && (
        <Row label="Node">
          <Anchor component={Link} to={`/nodes/${i.nodeId}`} size="sm">
            {i.subject}
          </Anchor>
        </Row>
      )}
      {i.siteId && (
        <Row label="Site">
          <Anchor component={Link} to={`/sites/${i.siteId}`} size="sm">
            {siteName ?? (i.nodeId ? "Open the site" : i.subject)}
          </Anchor>
        </Row>
      )}
      <Row label="Opened">
        <RelativeTime iso={i.openedAt} />
      </Row>
      <Row label="Duration">
        {formatDuration(incidentDurationMs(i, Date.now()))}
        {!i.resolvedAt && (
          <Text span size="xs" c="dimmed">
            {" "}
            so far
          </Text>
        )}
      </Row>
      <Row label="Acknowledged">
        {i.acknowledgedAt ? (
          <>
            <Who person={i.acknowledgedBy} />, <RelativeTime iso={i.acknowledgedAt} />
          </>
        ) : (
          <Text span size="sm" c="dimmed">
            Not yet
          </Text>
        )}
      </Row>
      <Row label="Owner">
        {i.assignee ? (
          <Who person={i.assignee} />
        ) : (
          <Text span size="sm" c="dimmed">
            Unassigned
          </Text>
        )}
      </Row>
      {i.resolvedAt && (
        <Row label="Resolved">
          {i.resolvedBy ? <Who person={i.resolvedBy} /> : "Automatically, on recovery"},{" "}
          <RelativeTime iso={i.resolvedAt} />
        </Row>
      )}
    </DataList>
  );
}

/** One incident: what happened, who owns it, the timeline, and the lifecycle actions. */
export function IncidentDetailPage() {
  const { org, role } = useOrg();
  const { incidentId = "" } = useParams();
  const incident = useIncident(org.id, incidentId);
  const members = useMembers(org.id);
  const sites = useSiteOptions(org.id);
  const back = (
    <Anchor component={Link} to="/incidents" size="sm">
      Incidents
    </Anchor>
  );
  if (incident.isPending) {
    return (
      <>
        <PageHeader title="Incident" purpose={back} />
        <TableSkeleton rows={6} />
      </>
    );
  }
  if (!incident.data) {
    return (
      <>
        <PageHeader title="Incident" purpose={back} />
        <ProblemAlert
          error={incident.error}
          title="Could not load the incident"
          onRetry={() => void incident.refetch()}
        />
      </>
    );
  }
  const i = incident.data;
  const emails = new Map((members.data?.members ?? []).map((m) => [m.userId, m.email]));
  if (i.assignee?.email) emails.set(i.assignee.id, i.assignee.email);
  const emailOf = (id: string) => emails.get(id) ?? null;
  return (
    <>
      <PageHeader
        title={i.title}
        purpose={
          <>
            {back} · {i.subject}
          </>
        }
      />
      <Stack gap="lg">
        <Group gap="xs">
          <StateBadge kind="severity" state={i.severity} />
          <StateBadge kind="incident" state={i.status} />
        </Group>
        {can(role, "incidents.write") && <IncidentActions orgId={org.id} incident={i} />}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card withBorder padding="lg">
              <Title order={2} fz="md" mb="md">
                Details
              </Title>
              <Details
                incident={i}
                siteName={sites.data?.items.find((s) => s.id === i.siteId)?.name ?? null}
              />
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card withBorder padding="lg" component="section" aria-labelledby="incident-timeline">
              <Title order={2} fz="md" mb="md" id="incident-timeline">
                Timeline
              </Title>
              <IncidentTimeline events={i.timeline} emailOf={emailOf} />
            </Card>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
