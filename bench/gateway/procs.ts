import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const rolesScript = fileURLToPath(new URL("./roles.ts", import.meta.url));

export interface Child {
  proc: ChildProcess;
  pid: number | undefined;
  info: Record<string, string>;
  /** Resolves when the process has exited by itself or been stopped. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** The Node flags `npm start` gives the server (package.json): the bench runs the same process. */
function serverNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    scripts: Record<string, string>;
  };
  const flags = /node ((?:--\S+ )*)apps\/server\/src\/main\.ts/.exec(pkg.scripts.start ?? "")?.[1];
  return flags ? flags.trim().split(" ") : [];
}

/**
 * Starts a role of roles.ts and resolves with its announcement. BENCH_CPU_PROF=<dir> writes a
 * V8 CPU profile of every child into that folder when it exits (for finding where time goes).
 */
export function startRole(role: string, options: Record<string, unknown> = {}): Promise<Child> {
  const prof = process.env.BENCH_CPU_PROF;
  const profArgs = prof
    ? ["--cpu-prof", `--cpu-prof-dir=${prof}`, `--cpu-prof-name=${role}-${Date.now()}.cpuprofile`]
    : [];
  const proc = spawn(
    process.execPath,
    [
      ...process.execArgv,
      ...(role === "server" ? serverNodeFlags() : []),
      ...profArgs,
      rolesScript,
      role,
      JSON.stringify(options),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    proc.once("exit", (code) => reject(new Error(`${role} exited with ${code}`)));
    const stdout = proc.stdout;
    if (!stdout) return reject(new Error("no stdout"));
    createInterface({ input: stdout }).once("line", (line) =>
      resolve({
        proc,
        pid: proc.pid,
        info: JSON.parse(line) as Record<string, string>,
        exited,
        stop,
      }),
    );
  });
}
