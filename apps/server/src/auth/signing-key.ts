import { hkdfSync, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half as published in the JWKS. */
  publicJwk: JWK;
  /** 32 bytes derived from the private key, for keyed hashes (refresh-token chains). */
  secret: Uint8Array;
}

/**
 * The built-in auth's ES256 key, created once and kept in DATA_DIR/auth so that tokens
 * survive restarts. Replicas must share this file (or DATA_DIR).
 */
export async function loadSigningKey(dataDir: string): Promise<SigningKey> {
  const file = path.join(dataDir, "auth", "signing-key.json");
  let stored: { kid: string; privateJwk: JWK } | undefined;
  try {
    stored = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  if (!stored) {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    stored = { kid: randomUUID(), privateJwk: await exportJWK(privateKey) };
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(stored), { mode: 0o600 });
    await rename(tmp, file);
  }
  const privateKey = (await importJWK(stored.privateJwk, "ES256")) as CryptoKey;
  const { d, ...pub } = stored.privateJwk;
  if (!d) throw new Error(`${file} holds no private key`);
  const secret = new Uint8Array(
    hkdfSync("sha256", Buffer.from(d, "base64url"), stored.kid, "edgeplane refresh tokens", 32),
  );
  return {
    kid: stored.kid,
    privateKey,
    publicJwk: { ...pub, kid: stored.kid, alg: "ES256", use: "sig", key_ops: ["verify"] },
    secret,
  };
}
