import {
  type CreateModelInput,
  createModelInput,
  modelKinds,
  modelStatuses,
  type UpdateModelInput,
} from "@edgeplane/contracts";
import { schemaResolver } from "@mantine/form";
import type { CatalogueModel } from "../../api/models.ts";
import { isBlank, numberOrUndefined } from "../../lib/form-values.ts";
import { modelKindLabels, modelStatusStyles } from "./model-words.ts";

export const modelKindOptions = modelKinds.map((value) => ({
  value,
  label: modelKindLabels[value],
}));

export const modelStatusOptions = modelStatuses.map((value) => ({
  value,
  label: modelStatusStyles[value].label,
}));

export interface ModelFormValues {
  publicId: string;
  upstreamName: string;
  kind: string | null;
  contextLength: number | string;
  inputPricePerMTok: number | string;
  outputPricePerMTok: number | string;
  status: string | null;
}

export const modelFormFields = [
  "publicId",
  "upstreamName",
  "kind",
  "contextLength",
  "inputPricePerMTok",
  "outputPricePerMTok",
  "status",
] as const;

export function modelFormValues(model?: CatalogueModel): ModelFormValues {
  return {
    publicId: model?.publicId ?? "",
    upstreamName: model?.upstreamName ?? "",
    kind: model?.kind ?? "chat",
    contextLength: model?.contextLength ?? "",
    inputPricePerMTok: model?.inputPricePerMTok ?? "",
    outputPricePerMTok: model?.outputPricePerMTok ?? "",
    status: model?.status ?? "active",
  };
}

function candidate(v: ModelFormValues) {
  return {
    publicId: v.publicId,
    upstreamName: v.upstreamName,
    kind: v.kind ?? undefined,
    contextLength: numberOrUndefined(v.contextLength),
    inputPricePerMTok: numberOrUndefined(v.inputPricePerMTok),
    outputPricePerMTok: numberOrUndefined(v.outputPricePerMTok),
    status: v.status ?? undefined,
  };
}

const resolve = schemaResolver(createModelInput, { sync: true });

/** The server's schema, with plain sentences for the fields left empty. */
export function validateModelForm(values: ModelFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(resolve(candidate(values)))) {
    errors[path] = String(message);
  }
  if (values.publicId.trim() === "") errors.publicId = "Enter the id customers will send";
  if (values.upstreamName.trim() === "") {
    errors.upstreamName = "Enter the name the nodes' inference servers use";
  }
  if (!values.kind) errors.kind = "Choose chat or embedding";
  if (isBlank(values.contextLength)) errors.contextLength = "Enter the context length in tokens";
  if (isBlank(values.inputPricePerMTok)) {
    errors.inputPricePerMTok = "Enter the price per 1M input tokens (0 if free)";
  }
  if (isBlank(values.outputPricePerMTok)) {
    errors.outputPricePerMTok = "Enter the price per 1M output tokens (0 if free)";
  }
  return errors;
}

export function parseModelForm(values: ModelFormValues): CreateModelInput | null {
  const parsed = createModelInput.safeParse(candidate(values));
  return parsed.success ? parsed.data : null;
}

/** Only what changed: an edit that changes nothing is not sent (the server refuses `{}`). */
export function modelChanges(before: CatalogueModel, after: CreateModelInput): UpdateModelInput {
  const changes: UpdateModelInput = {};
  if (after.publicId !== before.publicId) changes.publicId = after.publicId;
  if (after.upstreamName !== before.upstreamName) changes.upstreamName = after.upstreamName;
  if (after.kind !== before.kind) changes.kind = after.kind;
  if (after.contextLength !== before.contextLength) changes.contextLength = after.contextLength;
  if (after.inputPricePerMTok !== before.inputPricePerMTok) {
    changes.inputPricePerMTok = after.inputPricePerMTok;
  }
  if (after.outputPricePerMTok !== before.outputPricePerMTok) {
    changes.outputPricePerMTok = after.outputPricePerMTok;
  }
  if (after.status !== undefined && after.status !== before.status) changes.status = after.status;
  return changes;
}
