import type { AmrEntry } from "@edgeplane/db/schema";
import { SignJWT } from "jose";
import type { SigningKey } from "../../auth/signing-key.ts";

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
