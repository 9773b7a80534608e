import type { Config } from "../../../config.ts";
import { githubProvider } from "./github.ts";
import { googleProvider } from "./google.ts";
import type { OAuthProviders } from "./provider.ts";

/** The providers whose client credentials are configured; the others are "not enabled". */
export function configuredProviders(config: Config): OAuthProviders {
  const redirectUri = `${config.publicUrl}/auth/v1/callback`;
  const providers: OAuthProviders = {};
  if (config.github) providers.github = githubProvider(config.github, redirectUri);
  if (config.google) providers.google = googleProvider(config.google, redirectUri);
  return providers;
}
