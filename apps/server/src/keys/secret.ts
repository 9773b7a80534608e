import { createHash, randomBytes } from "node:crypto";
import { base58 } from "@edgeplane/contracts";

export const nodeKeyPrefix = "epn_";
export const customerKeyPrefix = "epk_";
/** The prefix plus 6 characters: enough to tell keys apart in a list, too little to matter. */
const startBodyLength = 6;
const randomByteCount = 24;

export interface NewSecret {
  /** Shown once; never stored, logged or audited. */
  secret: string;
  start: string;
  hash: string;
}

/** SHA-256 hex of a secret: what is stored and looked up, for every kind of key. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A new `<prefix><base58 of 24 random bytes>` secret with its display start and hash. */
export function generateSecret(prefix: string): NewSecret {
  const secret = `${prefix}${base58(randomBytes(randomByteCount))}`;
  return {
    secret,
    start: secret.slice(0, prefix.length + startBodyLength),
    hash: hashSecret(secret),
  };
}

/** A cheap shape check before any hashing or lookup: prefix, base58 body, sane length. */
export function secretShape(prefix: string): RegExp {
  return new RegExp(`^${prefix}[1-9A-HJ-NP-Za-km-z]{16,64}$`);
}

export const hashNodeKey = hashSecret;

export function generateNodeKey(): NewSecret {
  return generateSecret(nodeKeyPrefix);
}

const nodeKeyShape = secretShape(nodeKeyPrefix);
export function looksLikeNodeKey(value: string): boolean {
  return nodeKeyShape.test(value);
}

export function generateCustomerKey(): NewSecret {
  return generateSecret(customerKeyPrefix);
}

const customerKeyShape = secretShape(customerKeyPrefix);
export function looksLikeCustomerKey(value: string): boolean {
  return customerKeyShape.test(value);
}
