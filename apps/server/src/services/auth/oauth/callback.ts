import { schema } from "@edgeplane/db";
import { and, eq, gt, isNull } from "drizzle-orm";
import { type AuthCtx, uuidPattern } from "../context.ts";
import { AuthError } from "../errors.ts";
import { sessionParams, startSession } from "../issue-session.ts";
import { errorRedirect, resolveRedirect, withFragment, withQuery } from "../redirects.ts";
import { linkUser } from "./link-user.ts";
import type { OAuthProviders, OAuthTokens, ProviderProfile } from "./provider.ts";
import { pickProvider } from "./start.ts";

/** Seconds a person may spend at the provider between /authorize and /callback. */
const callbackWindow = 600;

export interface CallbackInput {
  state?: string;
  code?: string;
  error?: string;
  errorDescription?: string;
}

/**
 * GET/POST /callback: exchanges the provider's code, finds or creates the user, then answers
 * with where to send the browser: `?code=` (PKCE), the session in the fragment (implicit), or
 * the error in both query and fragment.
 */
export async function finishOAuth({
  ctx,
  providers,
  input,
}: {
  ctx: AuthCtx;
  providers: OAuthProviders;
  input: CallbackInput;
}): Promise<string> {
  const site = resolveRedirect(ctx.config, undefined);
  const badState = new AuthError(400, "bad_oauth_state", "OAuth callback with invalid state");
  const state = input.state ?? "";
  if (!uuidPattern.test(state)) return errorRedirect(site, badState, { query: true });
  const since = new Date(Date.now() - callbackWindow * 1000);
  const f = schema.flowStates;
  const [flow] = await ctx.db
    .select()
    .from(f)
    .where(
      and(
        eq(f.id, state),
        eq(f.authenticationMethod, "oauth"),
        isNull(f.userId),
        gt(f.createdAt, since),
      ),
    )
    .limit(1);
  if (!flow) return errorRedirect(site, badState, { query: true });
  const target = resolveRedirect(ctx.config, flow.redirectTo);
  try {
    if (input.error) {
      throw new AuthError(403, "bad_oauth_callback", input.errorDescription || input.error);
    }
    if (!input.code) {
      throw new AuthError(
        400,
        "bad_oauth_callback",
        "OAuth callback with missing authorization code",
      );
    }
    const provider = pickProvider(providers, flow.providerType);
    let tokens: OAuthTokens;
    let profile: ProviderProfile;
    try {
      tokens = await provider.exchangeCode(input.code, flow.providerCodeVerifier ?? "");
      profile = await provider.fetchProfile(tokens);
    } catch (err) {
      ctx.log.warn({ err, provider: provider.name }, "auth: OAuth provider exchange failed");
      throw new AuthError(
        400,
        "bad_oauth_callback",
        `Unable to sign in with ${provider.name}: the provider did not confirm the sign-in`,
      );
    }
    return await ctx.db.transaction(async (tx) => {
      // The state is spent once: a replayed callback finds the flow state taken.
      const [claimed] = await tx
        .select({ id: f.id })
        .from(f)
        .where(and(eq(f.id, flow.id), isNull(f.userId)))
        .for("update")
        .limit(1);
      if (!claimed) throw badState;
      const userId = await linkUser(tx, provider.name, profile);
      if (flow.codeChallenge) {
        const now = new Date();
        await tx
          .update(f)
          .set({
            userId,
            providerAccessToken: tokens.accessToken,
            providerRefreshToken: tokens.refreshToken ?? null,
            providerCodeVerifier: null,
            authCodeIssuedAt: now,
            updatedAt: now,
          })
          .where(eq(f.id, flow.id));
        return withQuery(target, new URLSearchParams({ code: flow.authCode }));
      }
      await tx.delete(f).where(eq(f.id, flow.id));
      const session = await startSession(ctx, tx, {
        userId,
        method: "oauth",
        providerTokens: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken },
      });
      return withFragment(target, sessionParams(session));
    });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    ctx.log.info({ code: err.code, provider: flow.providerType }, "auth: OAuth sign-in refused");
    return errorRedirect(target, err, { query: true });
  }
}
