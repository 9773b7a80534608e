import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dashboardDist } from "../http/spa.ts";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/**
 * Builds the dashboard when it has never been built (a first `npm run demo` after install);
 * an existing build is served as it is, as `node apps/server/src/main.ts` would.
 */
export async function ensureDashboard(write: (text: string) => void): Promise<void> {
  if (existsSync(path.join(dashboardDist, "index.html"))) return;
  write("demo: building the dashboard once (npm run build)...\n");
  // Inside an npm script npm_execpath is npm's own CLI: no PATH lookup, no shell.
  const npm = process.env.npm_execpath;
  const child = npm
    ? spawn(process.execPath, [npm, "run", "build"], { cwd: repoRoot, stdio: "inherit" })
    : spawn("npm", ["run", "build"], { cwd: repoRoot, stdio: "inherit" });
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`npm run build exited with ${code}`);
}
