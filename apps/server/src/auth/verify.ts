import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from "jose";
import type { Config } from "../config.ts";
import { authIssuer } from "../config.ts";
import { UnauthorizedError } from "../errors.ts";
import type { SigningKey } from "./signing-key.ts";

export interface VerifiedToken {
  userId: string;
  email: string;
  sessionId: string;
  claims: JWTPayload;
}

export interface TokenVerifier {
  /** Verifies signature, expiry, issuer, audience and role; throws UnauthorizedError. */
  verify(token: string): Promise<VerifiedToken>;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One verification path for both auth modes: asymmetric keys from a JWKS (ours or the
 * Supabase project's), HS256 only when a legacy secret is configured.
 */
export function createTokenVerifier(
  config: Config,
  builtinKey?: SigningKey,
  opts: { fetchImpl?: typeof fetch; jwksCooldownMs?: number } = {},
): TokenVerifier {
  let jwks: JWTVerifyGetKey;
  if (config.supabase) {
    jwks = createRemoteJWKSet(new URL(`${config.supabase.url}/auth/v1/.well-known/jwks.json`), {
      // Keys are cached 10 min like supabase-js; an unknown kid refetches (at most every 30 s).
      cacheMaxAge: 600_000,
      cooldownDuration: opts.jwksCooldownMs ?? 30_000,
      [customFetch]: opts.fetchImpl ?? fetch,
    });
  } else {
    if (!builtinKey) throw new Error("built-in auth needs its signing key");
    jwks = createLocalJWKSet({ keys: [builtinKey.publicJwk] });
  }
  const hsSecret = config.supabase?.jwtSecret
    ? new TextEncoder().encode(config.supabase.jwtSecret)
    : undefined;
  const issuer = authIssuer(config);

  return {
    async verify(token) {
      let alg: string | undefined;
      try {
        alg = decodeProtectedHeader(token).alg;
      } catch {
        throw new UnauthorizedError("The access token is malformed");
      }
      let payload: JWTPayload;
      try {
        const options = { issuer, audience: "authenticated", clockTolerance: 5 };
        if (alg === "HS256") {
          if (!hsSecret) throw new UnauthorizedError("HS256 tokens are not accepted");
          ({ payload } = await jwtVerify(token, hsSecret, { ...options, algorithms: ["HS256"] }));
        } else {
          ({ payload } = await jwtVerify(token, jwks, {
            ...options,
            algorithms: ["ES256", "RS256"],
          }));
        }
      } catch (err) {
        if (err instanceof UnauthorizedError) throw err;
        if (err instanceof joseErrors.JWTExpired) {
          throw new UnauthorizedError("The access token has expired");
        }
        throw new UnauthorizedError("The access token is not valid");
      }
      // anon and service_role keys are JWTs too: they are never a user.
      if (payload.role !== "authenticated") {
        throw new UnauthorizedError("The token is not a user access token");
      }
      const sessionId = payload.session_id;
      if (typeof payload.sub !== "string" || !uuid.test(payload.sub)) {
        throw new UnauthorizedError("The token has no user");
      }
      if (typeof sessionId !== "string" || sessionId === "") {
        throw new UnauthorizedError("The token has no session");
      }
      return {
        userId: payload.sub,
        email: typeof payload.email === "string" ? payload.email.toLowerCase() : "",
        sessionId,
        claims: payload,
      };
    },
  };
}
