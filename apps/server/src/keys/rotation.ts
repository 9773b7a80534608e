import { defaultKeyGraceSeconds } from "@edgeplane/contracts";

/**
 * When a rotated key stops working: after the grace period, or at its own expiry if that comes
 * first (a rotation never extends a key). Shared by node keys and customer keys.
 */
export function rotationGrace(
  oldExpiresAt: Date | null,
  gracePeriodSeconds: number | undefined,
  now: number,
): { graceSeconds: number; oldEnd: Date } {
  const graceSeconds = gracePeriodSeconds ?? defaultKeyGraceSeconds;
  const graceEnd = now + graceSeconds * 1000;
  return {
    graceSeconds,
    oldEnd: new Date(Math.min(graceEnd, oldExpiresAt?.getTime() ?? graceEnd)),
  };
}

/**
 * A replacement key's expiry: the replaced key's unless the caller chose one (null: never). A
 * rotation is a new secret for the same grant, not a way to extend or drop its end date.
 */
export function replacementExpiry(
  oldExpiresAt: Date | null,
  asked: string | null | undefined,
): Date | null {
  if (asked === undefined) return oldExpiresAt;
  return asked === null ? null : new Date(asked);
}
