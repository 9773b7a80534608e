import type { CustomerKeyIdentity } from "../../keys/customer-verifier.ts";
import type { CatalogueModel } from "./catalogue.ts";
import { invalidRequest, modelNotFound, quotaExceeded, rateLimited } from "./errors.ts";
import { candidateNodes } from "./route.ts";
import type { GatewayRuntime } from "./runtime.ts";

/** The catalogue entry a key may call under this public id (404 as OpenAI does otherwise). */
export async function resolveModel(
  rt: GatewayRuntime,
  key: CustomerKeyIdentity,
  publicId: string,
  endpoint: "chat" | "embeddings",
): Promise<CatalogueModel> {
  const model = (await rt.catalogue.get(key.orgId)).get(publicId);
  if (model?.status !== "active" || (key.models && !key.models.includes(publicId))) {
    throw modelNotFound(publicId);
  }
  if (endpoint === "chat" && model.kind !== "chat") {
    throw invalidRequest(
      `The model \`${publicId}\` is an embedding model: use /v1/embeddings.`,
      "model",
    );
  }
  if (endpoint === "embeddings" && model.kind !== "embedding") {
    throw invalidRequest(
      `The model \`${publicId}\` does not support embeddings: use /v1/chat/completions.`,
      "model",
    );
  }
  return model;
}

/** Budget, then requests/min and tokens/min; throws the OpenAI-style 429 that applies. */
export async function admit(
  rt: GatewayRuntime,
  key: CustomerKeyIdentity,
  estimatedTokens: number,
): Promise<void> {
  if (key.monthlyTokenBudget !== null) {
    const used = await rt.budget.used(key.keyId);
    if (used >= key.monthlyTokenBudget) throw quotaExceeded(key.monthlyTokenBudget);
  }
  const verdict = rt.limiter.admit(
    key.keyId,
    { rpm: key.rpmLimit, tpm: key.tpmLimit },
    estimatedTokens,
  );
  if (!verdict.ok) {
    const limit = verdict.limit ?? "requests";
    const perMinute = (limit === "requests" ? key.rpmLimit : key.tpmLimit) ?? 0;
    throw rateLimited(limit, perMinute, verdict.retryAfterSeconds);
  }
}

/** The models a key may call that some connected node in its placement serves now. */
export async function modelsForKey(
  rt: GatewayRuntime,
  key: CustomerKeyIdentity,
): Promise<CatalogueModel[]> {
  const [catalogue, fleet] = await Promise.all([
    rt.catalogue.get(key.orgId),
    rt.fleet.get(key.orgId),
  ]);
  const live = rt.live();
  return [...catalogue.values()]
    .filter((m) => m.status === "active" && (!key.models || key.models.includes(m.publicId)))
    .filter((m) => candidateNodes(fleet, key, m.upstreamName, live).length > 0)
    .sort((a, b) => a.publicId.localeCompare(b.publicId));
}
