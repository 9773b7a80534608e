import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client.ts";

async function sharedBuffers(opts: Parameters<typeof openDatabase>[0]): Promise<string> {
  const database = await openDatabase({ ...opts, migrate: false });
  try {
    const rows = (await database.db.execute(sql`show shared_buffers`)) as unknown as {
      rows: { shared_buffers: string }[];
    };
    return rows.rows[0]?.shared_buffers ?? "";
  } finally {
    await database.close();
  }
}

describe("embedded database memory", () => {
  it("keeps PGlite's page cache at 32MB unless told otherwise, and applies a change on reopen", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "edgeplane-db-"));
    try {
      expect(await sharedBuffers({ dataDir: dir })).toBe("32MB");
      expect(await sharedBuffers({ dataDir: dir, sharedBuffers: "64MB" })).toBe("64MB");
      expect(await sharedBuffers({ dataDir: dir })).toBe("32MB");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
