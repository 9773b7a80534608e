import { Anchor, Badge, Code, DataList, Group, Text } from "@mantine/core";
import { Link } from "react-router";
import type { FleetNode } from "../../api/fleet-types.ts";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { acceleratorLabel } from "../../lib/node-form.ts";
import { formatMs, formatW } from "../../lib/units.ts";

/** A node's registry entry as a definition list. */
export function NodeSummary({ node, withLabels }: { node: FleetNode; withLabels?: boolean }) {
  const labels = Object.entries(node.labels);
  return (
    <DataList labelWidth={160} gap="xs">
      <Row label="Status">
        <StateBadge kind="node" state={node.status} />
      </Row>
      <Row label="Site">
        <Anchor component={Link} to={`/sites/${node.siteId}`} size="sm">
          {node.siteName}
        </Anchor>
      </Row>
      <Row label="External ID">
        <Code>{node.externalId}</Code>
      </Row>
      <Row label="Accelerator">
        {node.gpuCount} × {acceleratorLabel(node.acceleratorType)}
        {node.accelerator && (
          <Text span size="xs" c="dimmed">
            {" "}
            ({node.accelerator.memoryGb} GB {node.accelerator.memoryType} each)
          </Text>
        )}
      </Row>
      <Row label="Power draw">{formatW(node.powerDrawW)}</Row>
      <Row label="Latency estimate">{formatMs(node.latencyEstimateMs)}</Row>
      <Row label="Last seen">
        <RelativeTime iso={node.lastSeenAt} />
      </Row>
      <Row label="Registered">
        <RelativeTime iso={node.createdAt} />
      </Row>
      {withLabels && (
        <Row label="Labels">
          {labels.length === 0 ? (
            <Text size="sm" c="dimmed" span>
              none
            </Text>
          ) : (
            <Group gap={6}>
              {labels.map(([k, v]) => (
                <Badge key={k} variant="default" radius="sm" tt="none" fw={500}>
                  {k}={v}
                </Badge>
              ))}
            </Group>
          )}
        </Row>
      )}
    </DataList>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
