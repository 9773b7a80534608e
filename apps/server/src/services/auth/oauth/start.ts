import { randomUUID } from "node:crypto";
import { schema } from "@edgeplane/db";
import { generateCodeVerifier } from "arctic";
import { and, eq, lt } from "drizzle-orm";
import type { AuthCtx } from "../context.ts";
import { invalid } from "../errors.ts";
import type { Pkce } from "../pkce.ts";
import type { OAuthProvider, OAuthProviders } from "./provider.ts";

/** Parameters of ours or of OAuth itself: never passed on to the provider from the query. */
const reserved = new Set([
  "provider",
  "redirect_to",
  "scopes",
  "code_challenge",
  "code_challenge_method",
  "skip_http_redirect",
  "flow_type",
  "client_id",
  "redirect_uri",
  "response_type",
  "state",
  "scope",
]);

export function pickProvider(providers: OAuthProviders, name: string): OAuthProvider {
  const provider = name === "github" || name === "google" ? providers[name] : undefined;
  if (!provider) throw invalid("Unsupported provider: provider is not enabled");
  return provider;
}

/**
 * GET /authorize: a flow state whose id is the OAuth `state`, then the provider's URL. Without
 * a code challenge the flow is implicit and the callback answers with tokens in the fragment.
 */
export async function startOAuth({
  ctx,
  providers,
  input,
}: {
  ctx: AuthCtx;
  providers: OAuthProviders;
  input: {
    provider: string;
    redirectTo: string;
    scopes?: string;
    pkce?: Pkce;
    extra: [string, string][];
  };
}): Promise<string> {
  const provider = pickProvider(providers, input.provider);
  const id = randomUUID();
  const verifier = generateCodeVerifier();
  const dayAgo = new Date(Date.now() - 86_400_000);
  // Attempts abandoned at the provider are dropped here rather than by a job.
  await ctx.db
    .delete(schema.flowStates)
    .where(
      and(
        eq(schema.flowStates.authenticationMethod, "oauth"),
        lt(schema.flowStates.createdAt, dayAgo),
      ),
    );
  await ctx.db.insert(schema.flowStates).values({
    id,
    authCode: randomUUID(),
    codeChallenge: input.pkce?.challenge ?? null,
    codeChallengeMethod: input.pkce?.method ?? null,
    providerType: provider.name,
    authenticationMethod: "oauth",
    redirectTo: input.redirectTo,
    providerCodeVerifier: verifier,
  });
  const requested = (input.scopes ?? "").split(/[\s,]+/).filter(Boolean);
  const scopes = [...new Set([...provider.defaultScopes, ...requested])];
  const url = provider.authorizationUrl(id, verifier, scopes);
  for (const [k, v] of input.extra) if (!reserved.has(k)) url.searchParams.set(k, v);
  return url.toString();
}
