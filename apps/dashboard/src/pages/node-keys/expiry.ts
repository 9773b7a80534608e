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
