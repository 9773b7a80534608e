const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** The closed map of id prefixes: an id says what it names. */
export const idPrefixes = {
  org: "org",
  invitation: "inv",
  audit: "aud",
  site: "site",
  node: "node",
  nodeKey: "nk",
  request: "req",
} as const;

export type IdKind = keyof typeof idPrefixes;

/**
 * Bitcoin-alphabet base58 of a byte string (leading zero bytes become "1"). Digit arithmetic on
 * small numbers: BigInt division made id minting a few percent of the gateway's CPU.
 */
export function base58(bytes: Uint8Array): string {
  const digits: number[] = []; // least significant first
  for (const b of bytes) {
    let carry = b;
    for (let j = 0; j < digits.length; j++) {
      carry += (digits[j] ?? 0) * 256;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = "";
  for (const b of bytes) {
    if (b !== 0) break;
    out += "1";
  }
  for (let j = digits.length - 1; j >= 0; j--) out += alphabet[digits[j] ?? 0];
  return out;
}

/**
 * A prefixed, time-sortable id: 48 bits of milliseconds then 80 random bits, in a
 * fixed-width base58 so that ids sort lexicographically by creation time.
 */
export function newId(kind: IdKind, now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  const random = bytes.subarray(6);
  if (now <= last.time) {
    // Same millisecond (or a clock step back): continue from the last id, so ids made by
    // one process are strictly increasing and keyset pagination never reorders them.
    now = last.time;
    random.set(last.random);
    for (let i = random.length - 1; i >= 0; i--) {
      random[i] = ((random[i] ?? 0) + 1) & 0xff;
      if (random[i] !== 0) break;
    }
  } else {
    crypto.getRandomValues(random);
  }
  last.time = now;
  last.random.set(random);
  let t = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  return `${idPrefixes[kind]}_${fixedBase58(bytes)}`;
}

const last = { time: 0, random: new Uint8Array(10) };

/** 16 bytes always fit in 22 base58 digits; left-padding keeps string order = time order. */
function fixedBase58(bytes: Uint8Array): string {
  return base58(bytes).replace(/^1+/, "").padStart(22, "1");
}

export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${idPrefixes[kind]}_[1-9A-HJ-NP-Za-km-z]{22}$`).test(value);
}
