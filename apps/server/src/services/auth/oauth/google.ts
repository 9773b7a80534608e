import { CodeChallengeMethod, decodeIdToken, OAuth2Client } from "arctic";
import {
  type OAuthProvider,
  type OAuthTokens,
  ProviderError,
  type ProviderProfile,
  providerJson,
  str,
} from "./provider.ts";

export interface GoogleEndpoints {
  authorize: string;
  token: string;
  userinfo: string;
}

/** arctic's Google class uses the first two; naming them lets a test point at a fake Google. */
export const googleEndpoints: GoogleEndpoints = {
  authorize: "https://accounts.google.com/o/oauth2/v2/auth",
  token: "https://oauth2.googleapis.com/token",
  userinfo: "https://openidconnect.googleapis.com/v1/userinfo",
};

const issuers = new Set(["https://accounts.google.com", "accounts.google.com"]);

/**
 * Google through arctic's OAuth2Client with our own S256 PKCE (as arctic's Google class does).
 * The profile comes from the id token's claims: it arrives straight from Google's token
 * endpoint over TLS, which OpenID Connect accepts in place of a signature check.
 */
export function googleProvider(
  creds: { clientId: string; clientSecret: string },
  redirectUri: string,
  endpoints: GoogleEndpoints = googleEndpoints,
): OAuthProvider {
  const client = new OAuth2Client(creds.clientId, creds.clientSecret, redirectUri);
  return {
    name: "google",
    defaultScopes: ["openid", "email", "profile"],
    authorizationUrl: (state, verifier, scopes) =>
      client.createAuthorizationURLWithPKCE(
        endpoints.authorize,
        state,
        CodeChallengeMethod.S256,
        verifier,
        scopes,
      ),
    async exchangeCode(code, verifier) {
      const tokens = await client.validateAuthorizationCode(endpoints.token, code, verifier);
      const data = tokens.data as Record<string, unknown>;
      return {
        accessToken: tokens.accessToken(),
        refreshToken: tokens.hasRefreshToken() ? tokens.refreshToken() : undefined,
        idToken: str(data.id_token),
      };
    },
    async fetchProfile(tokens) {
      const claims = idTokenClaims(tokens, creds.clientId) ?? (await userinfo(endpoints, tokens));
      return googleProfile(claims);
    },
  };
}

function idTokenClaims(tokens: OAuthTokens, clientId: string): Record<string, unknown> | undefined {
  if (!tokens.idToken) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = decodeIdToken(tokens.idToken) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!issuers.has(String(claims.iss)) || !aud.includes(clientId)) return undefined;
  return claims;
}

async function userinfo(endpoints: GoogleEndpoints, tokens: OAuthTokens) {
  const body = await providerJson(endpoints.userinfo, {
    authorization: `Bearer ${tokens.accessToken}`,
    accept: "application/json",
  });
  if (typeof body !== "object" || body === null) {
    throw new ProviderError("Google userinfo answered an unexpected shape");
  }
  return body as Record<string, unknown>;
}

function googleProfile(claims: Record<string, unknown>): ProviderProfile {
  const subject = str(claims.sub);
  if (!subject) throw new ProviderError("Google's profile has no subject");
  const email = str(claims.email)?.toLowerCase();
  const verified =
    email !== undefined && (claims.email_verified === true || claims.email_verified === "true");
  const name = str(claims.name);
  const picture = str(claims.picture);
  return {
    subject,
    email,
    emailVerified: verified,
    data: {
      iss: "https://accounts.google.com",
      sub: subject,
      provider_id: subject,
      ...(email ? { email, email_verified: verified } : {}),
      phone_verified: false,
      ...(name ? { name, full_name: name } : {}),
      ...(picture ? { picture, avatar_url: picture } : {}),
    },
  };
}
