/** GET /api/config: how this server wants the dashboard to sign people in. */
export interface RuntimeConfig {
  authMode: "builtin" | "supabase";
  supabaseUrl: string;
  supabaseAnonKey: string;
  providers: { email: boolean; github: boolean; google: boolean };
}

function isRuntimeConfig(v: unknown): v is RuntimeConfig {
  if (typeof v !== "object" || v === null) return false;
  const c = v as Record<string, unknown>;
  const p = c.providers as Record<string, unknown> | undefined;
  return (
    (c.authMode === "builtin" || c.authMode === "supabase") &&
    typeof c.supabaseUrl === "string" &&
    typeof c.supabaseAnonKey === "string" &&
    typeof p === "object" &&
    p !== null &&
    ["email", "github", "google"].every((k) => typeof p[k] === "boolean")
  );
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const res = await fetch("/api/config", { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`GET /api/config answered ${res.status}`);
  const body: unknown = await res.json();
  if (!isRuntimeConfig(body)) throw new Error("GET /api/config answered an unexpected shape");
  return body;
}
