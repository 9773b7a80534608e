import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// A tool-demanded default export. Each file starts its own server; files run one at a time
// so Chromium and the servers do not compete for the CI machine's cores.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
});
