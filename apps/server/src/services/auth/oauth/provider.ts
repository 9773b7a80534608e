export type OAuthProviderName = "github" | "google";

export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
}

export interface ProviderProfile {
  /** The provider's stable user id. */
  subject: string;
  email?: string;
  emailVerified: boolean;
  /** GoTrue-style identity data (sub, email, full_name, avatar_url, …), also user_metadata. */
  data: Record<string, unknown>;
}

/**
 * Every HTTP call to an OAuth provider goes through this interface, so tests can stand a
 * fake provider (a local server speaking the provider's wire format) at the edge.
 */
export interface OAuthProvider {
  readonly name: OAuthProviderName;
  /** Always requested: the verified e-mail is how existing accounts are matched. */
  readonly defaultScopes: string[];
  /** `codeVerifier` is our own PKCE verifier towards the provider (Google uses it). */
  authorizationUrl(state: string, codeVerifier: string, scopes: string[]): URL;
  exchangeCode(code: string, codeVerifier: string): Promise<OAuthTokens>;
  fetchProfile(tokens: OAuthTokens): Promise<ProviderProfile>;
}

export type OAuthProviders = Partial<Record<OAuthProviderName, OAuthProvider>>;

export class ProviderError extends Error {}

/** GET a provider's JSON with a bounded wait; anything unexpected is a ProviderError. */
export async function providerJson(url: string, headers: Record<string, string>): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new ProviderError(`${new URL(url).host} unreachable`, { cause: err });
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new ProviderError(`${new URL(url).host}${new URL(url).pathname} answered ${res.status}`);
  }
  try {
    return await res.json();
  } catch (err) {
    throw new ProviderError(`${new URL(url).host} answered with bad JSON`, { cause: err });
  }
}

export const str = (v: unknown): string | undefined =>
  typeof v === "string" && v !== "" ? v : undefined;
