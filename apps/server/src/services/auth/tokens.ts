import { createHmac, randomBytes } from "node:crypto";
import type { AmrEntry } from "@edgeplane/db/schema";
import { SignJWT } from "jose";
import type { SigningKey } from "../../auth/signing-key.ts";
import { sha256Hex } from "../../lib/secrets.ts";

export interface AccessTokenSubject {
  userId: string;
  email: string;
  sessionId: string;
  amr: AmrEntry[];
  aal?: string;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
}

/** Signs a Supabase-shaped access token (claims per the wire spec §3) with the ES256 key. */
export async function signAccessToken(
  key: SigningKey,
  opts: { issuer: string; expiresIn: number; now?: number },
  s: AccessTokenSubject,
): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor((opts.now ?? Date.now()) / 1000);
  const expiresAt = iat + opts.expiresIn;
  const token = await new SignJWT({
    email: s.email,
    phone: "",
    app_metadata: s.appMetadata,
    user_metadata: s.userMetadata,
    role: "authenticated",
    aal: s.aal ?? "aal1",
    amr: s.amr,
    session_id: s.sessionId,
    is_anonymous: false,
  })
    .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
    .setIssuer(opts.issuer)
    .setSubject(s.userId)
    .setAudience("authenticated")
    .setIssuedAt(iat)
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
  return { token, expiresAt };
}

/** A random opaque token (refresh tokens, magic-link tokens), base64url of 32 bytes. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of an opaque token. */
export function hashToken(token: string): string {
  return sha256Hex(token);
}

/**
 * The refresh token that replaces `parent`: a keyed hash of it, so that presenting the parent
 * again can return the active token although only hashes are stored. Without the server's
 * secret a stolen ancestor does not reveal its descendants.
 */
export function nextRefreshToken(secret: Uint8Array, parent: string): string {
  return createHmac("sha256", secret).update(`refresh:${parent}`).digest("base64url");
}
