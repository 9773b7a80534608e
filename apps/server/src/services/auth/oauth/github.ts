import { OAuth2Client } from "arctic";
import { z } from "zod";
import {
  type OAuthProvider,
  type OAuthTokens,
  ProviderError,
  type ProviderProfile,
  providerJson,
  str,
} from "./provider.ts";

export interface GitHubEndpoints {
  authorize: string;
  token: string;
  api: string;
}

/** arctic's GitHub class uses these; naming them lets a test point at a fake GitHub. */
export const githubEndpoints: GitHubEndpoints = {
  authorize: "https://github.com/login/oauth/authorize",
  token: "https://github.com/login/oauth/access_token",
  api: "https://api.github.com",
};

const userSchema = z.object({
  id: z.union([z.number(), z.string()]),
  login: z.string().optional(),
  name: z.string().nullish(),
  avatar_url: z.string().nullish(),
});
const emailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);

/**
 * GitHub through arctic's OAuth2Client: the same requests as arctic's GitHub class (which
 * hard-codes its hosts). The e-mail is the verified primary one from /user/emails.
 */
export function githubProvider(
  creds: { clientId: string; clientSecret: string },
  redirectUri: string,
  endpoints: GitHubEndpoints = githubEndpoints,
): OAuthProvider {
  const client = new OAuth2Client(creds.clientId, creds.clientSecret, redirectUri);
  return {
    name: "github",
    defaultScopes: ["user:email"],
    authorizationUrl: (state, _verifier, scopes) =>
      client.createAuthorizationURL(endpoints.authorize, state, scopes),
    async exchangeCode(code) {
      // GitHub reports a bad code as 200 {error}: accessToken() then throws.
      const tokens = await client.validateAuthorizationCode(endpoints.token, code, null);
      return {
        accessToken: tokens.accessToken(),
        refreshToken: tokens.hasRefreshToken() ? tokens.refreshToken() : undefined,
      };
    },
    fetchProfile: (tokens) => githubProfile(endpoints.api, tokens),
  };
}

async function githubProfile(api: string, tokens: OAuthTokens): Promise<ProviderProfile> {
  const headers = {
    authorization: `Bearer ${tokens.accessToken}`,
    accept: "application/vnd.github+json",
    "user-agent": "edgeplane",
    "x-github-api-version": "2022-11-28",
  };
  const user = userSchema.safeParse(await providerJson(`${api}/user`, headers));
  if (!user.success) throw new ProviderError("GitHub /user answered an unexpected shape");
  const emails = emailsSchema.safeParse(await providerJson(`${api}/user/emails`, headers));
  if (!emails.success) throw new ProviderError("GitHub /user/emails answered an unexpected shape");
  const verified = emails.data.filter((e) => e.verified);
  const chosen = verified.find((e) => e.primary) ?? verified[0];
  const subject = String(user.data.id);
  const name = str(user.data.name);
  const avatar = str(user.data.avatar_url);
  const login = str(user.data.login);
  return {
    subject,
    email: chosen?.email.toLowerCase(),
    emailVerified: chosen !== undefined,
    data: {
      iss: api,
      sub: subject,
      provider_id: subject,
      ...(chosen ? { email: chosen.email.toLowerCase(), email_verified: true } : {}),
      phone_verified: false,
      ...(name ? { name, full_name: name } : {}),
      ...(avatar ? { avatar_url: avatar } : {}),
      ...(login ? { user_name: login, preferred_username: login } : {}),
    },
  };
}
