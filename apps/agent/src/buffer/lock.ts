import { readFile, rm, writeFile } from "node:fs/promises";

interface LockHolder {
  pid: number;
  bootId: string;
}

async function bootId(): Promise<string> {
  return (await readFile("/proc/sys/kernel/random/boot_id", "utf8").catch(() => "unknown")).trim();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    return typeof v.pid === "number" && typeof v.bootId === "string"
      ? { pid: v.pid, bootId: v.bootId }
      : null;
  } catch {
    return null;
  }
}

export class StateDirBusyError extends Error {}

/**
 * One agent per state dir: two would hand out the same seqs. A lock left by a dead process, by
 * this pid, or by another boot (pids repeat across reboots) is stale and taken over.
 */
export async function acquireLock(path: string, dir: string): Promise<() => Promise<void>> {
  const me: LockHolder = { pid: process.pid, bootId: await bootId() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, JSON.stringify(me), { flag: "wx", mode: 0o600 });
      return async () => {
        await rm(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = parseHolder(await readFile(path, "utf8").catch(() => ""));
    if (holder && holder.pid !== me.pid && holder.bootId === me.bootId && isAlive(holder.pid)) {
      throw new StateDirBusyError(
        `state dir ${dir} is in use by another edgeplane-agent (pid ${holder.pid}); give each agent its own --state-dir`,
      );
    }
    await rm(path, { force: true });
  }
  throw new StateDirBusyError(`could not lock state dir ${dir}`);
}
