import {
  type ModelKind,
  type ModelStatus,
  permissions,
  regionLabels,
  regions,
  roleLabels,
} from "@edgeplane/contracts";
import type { CatalogueModel, RegionAvailability } from "../../api/models.ts";

export const modelKindLabels: Record<ModelKind, string> = {
  chat: "Chat",
  embedding: "Embedding",
};

export const modelStatusStyles: Record<ModelStatus, { label: string; color: string }> = {
  active: { label: "Active", color: "green" },
  disabled: { label: "Disabled", color: "gray" },
};

export function nodeCount(n: number): string {
  return `${n} ${n === 1 ? "node" : "nodes"}`;
}

/** The regions in the contracts' order, each with its node count, e.g. "EU / EEA: 2 nodes". */
export function availabilityLines(availability: readonly RegionAvailability[]): string[] {
  return [...availability]
    .filter((a) => a.nodes > 0)
    .sort((a, b) => regions.indexOf(a.region) - regions.indexOf(b.region))
    .map((a) => `${regionLabels[a.region]}: ${nodeCount(a.nodes)}`);
}

/** What a customer calling this model gets now, in one line (the table's availability hint). */
export function servingVerdict(m: Pick<CatalogueModel, "status" | "availability">): {
  available: boolean;
  summary: string;
} {
  if (m.status === "disabled") {
    return {
      available: false,
      summary: "Disabled: customers get 404 model_not_found and /models does not list it.",
    };
  }
  const nodes = m.availability.reduce((sum, a) => sum + a.nodes, 0);
  if (nodes === 0) {
    return {
      available: false,
      summary:
        "Unavailable: no connected node serves it in any region, so requests get 503 no_capacity_in_region.",
    };
  }
  const where = m.availability.length === 1 ? "1 region" : `${m.availability.length} regions`;
  return {
    available: true,
    summary: `Served by ${nodeCount(nodes)} in ${where}; keys limited to other regions get 503.`,
  };
}

/** A context length as model cards say it: "128K" for 131,072 tokens, else "100,000". */
export function formatContext(tokens: number, locale?: string): string {
  if (tokens >= 1024 && tokens % 1024 === 0) return `${tokens / 1024}K`;
  return new Intl.NumberFormat(locale).format(tokens);
}

/** US dollars per 1M tokens: "$0.05", "$1.10", "free". */
export function formatPricePerMTok(usd: number, locale?: string): string {
  if (usd === 0) return "free";
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(usd);
}

/** "Owner, Admin, Operator or Customer engineer": the roles the permission map lets edit. */
export function catalogueEditors(): string {
  const names = permissions["models.write"].map((r) => roleLabels[r]);
  return names.length < 2
    ? names.join("")
    : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}
