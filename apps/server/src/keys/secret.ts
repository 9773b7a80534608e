import { createHash, randomBytes } from "node:crypto";
import { base58 } from "@edgeplane/contracts";

export const nodeKeyPrefix = "epn_";
/** `epn_` plus 6 characters: enough to tell keys apart in a list, too little to matter. */
const startLength = nodeKeyPrefix.length + 6;
const randomByteCount = 24;

export interface NewSecret {
  /** Shown once to the operator; never stored, logged or audited. */
  secret: string;
  start: string;
  hash: string;
}

export function hashNodeKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function generateNodeKey(): NewSecret {
  const secret = `${nodeKeyPrefix}${base58(randomBytes(randomByteCount))}`;
  return { secret, start: secret.slice(0, startLength), hash: hashNodeKey(secret) };
}

/** A cheap shape check before any hashing or lookup: prefix, base58 body, sane length. */
export function looksLikeNodeKey(value: string): boolean {
  return /^epn_[1-9A-HJ-NP-Za-km-z]{16,64}$/.test(value);
}
