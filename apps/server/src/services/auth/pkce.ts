import { createHash } from "node:crypto";
import { timingSafeEqualString } from "../../lib/secrets.ts";
import { invalid } from "./errors.ts";

export interface Pkce {
  challenge: string;
  method: "s256" | "plain";
}

const challengeChars = /^[A-Za-z0-9._~-]{43,128}$/;

/** Both PKCE fields or neither; implicit-mode clients send JSON null for each. */
export function parsePkce(challenge: unknown, method: unknown): Pkce | undefined {
  const c =
    challenge === null || challenge === undefined || challenge === "" ? undefined : challenge;
  const m = method === null || method === undefined || method === "" ? undefined : method;
  if (c === undefined && m === undefined) return undefined;
  if (c === undefined || m === undefined) {
    throw invalid("PKCE flow requires code_challenge_method and code_challenge");
  }
  if (typeof c !== "string" || !challengeChars.test(c)) {
    throw invalid(
      "code_challenge must be 43 to 128 characters of A-Z, a-z, 0-9, '.', '_', '~' and '-'",
    );
  }
  const lower = typeof m === "string" ? m.toLowerCase() : "";
  if (lower !== "s256" && lower !== "plain") {
    throw invalid("code_challenge_method must be s256 or plain");
  }
  return { challenge: c, method: lower };
}

/** RFC 7636: S256 compares base64url(sha256(verifier)) without padding; plain compares as is. */
export function verifierMatches(pkce: Pkce, verifier: string): boolean {
  const expected =
    pkce.method === "s256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return timingSafeEqualString(expected, pkce.challenge);
}
