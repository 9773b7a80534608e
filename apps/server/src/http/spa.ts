import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "./env.ts";

export const dashboardDist = fileURLToPath(new URL("../../../dashboard/dist", import.meta.url));

/** Serves the built dashboard; every non-API path falls back to index.html (client routing). */
export function spaRoutes(distDir = dashboardDist) {
  const app = new Hono<AppEnv>();
  const root = path.relative(process.cwd(), distDir) || ".";
  if (!existsSync(distDir)) return spaMissing(app);
  app.use(
    "/assets/*",
    serveStatic({
      root,
      onFound: (_path, c) => c.header("cache-control", "public, max-age=31536000, immutable"),
    }),
  );
  app.use("*", serveStatic({ root }));
  app.get("*", async (c) => {
    const index = path.join(distDir, "index.html");
    c.header("cache-control", "no-cache");
    return c.html(await readFile(index, "utf8"));
  });
  return app;
}

function spaMissing(app: Hono<AppEnv>) {
  app.get("*", (c) =>
    c.text("The dashboard is not built: run `npm run build` (npm start does it).", 503),
  );
  return app;
}
