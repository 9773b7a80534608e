import { Badge, Code, Group, Stack, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { DataTable, type DataTableColumn } from "mantine-datatable";
import type { CatalogueModel } from "../../api/models.ts";
import { ModelActions } from "./ModelActions.tsx";
import {
  availabilityLines,
  formatContext,
  formatPricePerMTok,
  modelKindLabels,
  modelStatusStyles,
  servingVerdict,
} from "./model-words.ts";

interface Props {
  orgId: string;
  models: CatalogueModel[];
  fetching: boolean;
  noRecordsText: string;
  /** Edit and delete, for roles with models.write. */
  manage: boolean;
}

/** Per region the nodes that can serve the model now; "Unavailable" in red when none can. */
function Availability({ model }: { model: CatalogueModel }) {
  const verdict = servingVerdict(model);
  const lines = availabilityLines(model.availability);
  if (lines.length === 0) {
    return (
      <Stack gap={2} align="flex-start">
        <Tooltip label={verdict.summary} withArrow multiline w={280}>
          <Badge color="red" variant="light" radius="sm" tabIndex={0} tt="none">
            Unavailable
          </Badge>
        </Tooltip>
        <Text size="xs" c="dimmed">
          No connected node serves it in any region
        </Text>
      </Stack>
    );
  }
  // A badge's label may shrink to an ellipsis; max-content keeps "North America: 2 nodes" whole.
  return (
    <Group gap={4} wrap="wrap">
      {lines.map((line) => (
        <Badge
          key={line}
          color={model.status === "active" ? "green" : "gray"}
          variant="light"
          radius="sm"
          tt="none"
          miw="max-content"
        >
          {line}
        </Badge>
      ))}
    </Group>
  );
}

export function ModelsTable({ orgId, models, fetching, noRecordsText, manage }: Props) {
  const columns: DataTableColumn<CatalogueModel>[] = [
    {
      accessor: "publicId",
      title: "Model ID",
      render: (m) => (
        <Stack gap={2} align="flex-start" miw={140}>
          <Code fz="sm" fw={600} style={{ whiteSpace: "nowrap" }}>
            {m.publicId}
          </Code>
          <Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }}>
            upstream {m.upstreamName}
          </Text>
        </Stack>
      ),
    },
    { accessor: "kind", title: "Kind", render: (m) => modelKindLabels[m.kind] },
    {
      accessor: "contextLength",
      title: "Context",
      textAlign: "right",
      noWrap: true,
      render: (m) => (
        <Tooltip label={`${m.contextLength.toLocaleString()} tokens`} withArrow>
          <Text size="sm" span tabIndex={0}>
            {formatContext(m.contextLength)}
          </Text>
        </Tooltip>
      ),
    },
    {
      accessor: "inputPricePerMTok",
      title: "Input / 1M tok",
      textAlign: "right",
      noWrap: true,
      render: (m) => formatPricePerMTok(m.inputPricePerMTok),
    },
    {
      accessor: "outputPricePerMTok",
      title: "Output / 1M tok",
      textAlign: "right",
      noWrap: true,
      render: (m) =>
        m.kind === "embedding" && m.outputPricePerMTok === 0
          ? "—"
          : formatPricePerMTok(m.outputPricePerMTok),
    },
    {
      accessor: "availability",
      title: "Availability by region",
      render: (m) => <Availability model={m} />,
    },
    {
      accessor: "status",
      title: "Status",
      render: (m) => (
        <Badge
          color={modelStatusStyles[m.status].color}
          variant="light"
          radius="sm"
          tt="none"
          miw="max-content"
        >
          {modelStatusStyles[m.status].label}
        </Badge>
      ),
    },
    {
      accessor: "actions",
      title: <VisuallyHidden>Actions</VisuallyHidden>,
      textAlign: "right",
      width: 80,
      hidden: !manage,
      render: (m) => <ModelActions orgId={orgId} model={m} />,
    },
  ];
  return (
    <DataTable<CatalogueModel>
      withTableBorder
      borderRadius="sm"
      highlightOnHover
      verticalAlign="top"
      records={models}
      fetching={fetching}
      minHeight={models.length === 0 ? 160 : undefined}
      noRecordsText={noRecordsText}
      aria-label="Model catalogue"
      columns={columns}
    />
  );
}
