import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { repoRoot } from "./server.ts";

const upstreamCli = path.join(repoRoot, "packages/reference-upstream/src/cli.ts");

export interface UpstreamProcess {
  /** Its OpenAI base URL (…/v1), as an agent's --upstream takes it. */
  url: string;
  child: ChildProcess;
}

/**
 * `node packages/reference-upstream/src/cli.ts --port 0 …`, the vLLM stand-in as a GPU host
 * runs it; resolves with its URL once it prints that it listens.
 */
export async function startUpstreamProcess(args: string[] = []): Promise<UpstreamProcess> {
  const child = spawn(process.execPath, [upstreamCli, "--port", "0", ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const url = / at (http:\/\/\S+?);/.exec(line)?.[1];
    if (url) return { url, child };
  }
  throw new Error("the reference upstream exited before it listened");
}
