import {
  acceleratorCatalogue,
  type CreateNodeInput,
  createNodeInput,
  findAccelerator,
  hostPowerFactor,
  suggestPowerDrawW,
} from "@edgeplane/contracts";
import { schemaResolver } from "@mantine/form";
import type { FleetNode } from "../api/fleet-types.ts";
import { isBlank, numberOrNull, numberOrUndefined } from "./form-values.ts";
import { formatW } from "./units.ts";

/** The catalogue's names; the field also takes free text for anything else. */
export const acceleratorNames = acceleratorCatalogue.map((a) => a.label);

/** A catalogue entry is stored by its id, so filters match however it was typed. */
export function normalizeAccelerator(text: string): string {
  return findAccelerator(text)?.id ?? text.trim();
}

export function acceleratorLabel(type: string): string {
  return findAccelerator(type)?.label ?? type;
}

export interface PowerSuggestion {
  watts: number;
  /** How the number was estimated, in one sentence. */
  note: string;
}

export function powerSuggestion(
  acceleratorType: string,
  gpuCount: number | string,
): PowerSuggestion | null {
  const a = findAccelerator(acceleratorType);
  const gpus = numberOrUndefined(gpuCount);
  if (!a || gpus === undefined || !Number.isInteger(gpus) || gpus < 1) return null;
  const watts = suggestPowerDrawW(a.id, gpus);
  if (watts === undefined) return null;
  return {
    watts,
    note: `Estimated: ${formatW(a.boardPowerW)} board power × ${gpus} GPU${gpus === 1 ? "" : "s"} × ${hostPowerFactor} for the host (CPUs, memory, fans, power-supply losses) = ${formatW(watts)}. Replace it with a measured value if you have one.`,
  };
}

export interface NodeFormValues {
  siteId: string | null;
  name: string;
  externalId: string;
  acceleratorType: string;
  gpuCount: number | string;
  powerDrawW: number | string;
  latencyEstimateMs: number | string;
  /** `key=value` entries. */
  labels: string[];
}

export function nodeFormValues(node?: FleetNode, siteId?: string | null): NodeFormValues {
  return {
    siteId: node?.siteId ?? siteId ?? null,
    name: node?.name ?? "",
    externalId: node?.externalId ?? "",
    acceleratorType: node ? acceleratorLabel(node.acceleratorType) : "",
    gpuCount: node?.gpuCount ?? 1,
    powerDrawW: node?.powerDrawW ?? "",
    latencyEstimateMs: node?.latencyEstimateMs ?? "",
    labels: Object.entries(node?.labels ?? {}).map(([k, v]) => `${k}=${v}`),
  };
}

/** `key=value` entries as a record; null when one has no `=`. */
export function parseLabels(entries: string[]): Record<string, string> | null {
  const labels: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf("=");
    if (at < 1) return null;
    labels[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  return labels;
}

function candidate(v: NodeFormValues) {
  return {
    siteId: v.siteId ?? undefined,
    name: v.name,
    externalId: v.externalId.trim(),
    acceleratorType: normalizeAccelerator(v.acceleratorType),
    gpuCount: numberOrUndefined(v.gpuCount),
    powerDrawW: numberOrUndefined(v.powerDrawW),
    latencyEstimateMs: numberOrNull(v.latencyEstimateMs),
    labels: parseLabels(v.labels) ?? {},
  };
}

const resolve = schemaResolver(createNodeInput, { sync: true });

/** The server's schema, with plain sentences for the fields left empty. */
export function validateNodeForm(values: NodeFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(resolve(candidate(values)))) {
    const field = path.startsWith("labels") ? "labels" : path;
    errors[field] ??= String(message);
  }
  if (!values.siteId) errors.siteId = "Choose the site the node is in";
  if (isBlank(values.gpuCount)) errors.gpuCount = "Enter the number of GPUs";
  if (isBlank(values.powerDrawW) && !findAccelerator(values.acceleratorType)) {
    errors.powerDrawW = "Enter the power draw: this accelerator is not in the catalogue";
  }
  if (parseLabels(values.labels) === null) errors.labels = "Write each label as key=value";
  return errors;
}

export function parseNodeForm(values: NodeFormValues): CreateNodeInput | null {
  const parsed = createNodeInput.safeParse(candidate(values));
  return parsed.success ? parsed.data : null;
}

export const nodeFormFields = [
  "siteId",
  "name",
  "externalId",
  "acceleratorType",
  "gpuCount",
  "powerDrawW",
  "latencyEstimateMs",
  "labels",
] as const;
