/** Key lifetimes offered in the dashboard; the API takes any instant within 5 years. */
export const expiryOptions = [
  { value: "never", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 1 year" },
];

export function expiresAt(choice: string | null, now = Date.now()): string | undefined {
  const days = Number(choice);
  if (!choice || choice === "never" || !Number.isFinite(days)) return undefined;
  return new Date(now + days * 86_400_000).toISOString();
}

/** Choices when rotating: the replacement keeps the current key's expiry unless told otherwise. */
export const rotationExpiryOptions = [
  { value: "same", label: "Same as the current key" },
  ...expiryOptions,
];

/** The rotate call's expiresAt: absent keeps the current key's expiry, null means never. */
export function rotationExpiresAt(
  choice: string | null,
  now = Date.now(),
): string | null | undefined {
  if (!choice || choice === "same") return undefined;
  if (choice === "never") return null;
  return expiresAt(choice, now);
}
