import { readFile } from "node:fs/promises";
import postgres from "postgres";
import { type Database, dumpPglite, migrationsFolder, openDatabase } from "./client.ts";

export const templateDbName = "edgeplane_template";

/**
 * Fresh databases for tests. With TEST_DATABASE_URL set, each is a new Postgres database
 * cloned from a migrated template; otherwise a PGlite instance loaded from a migrated dump
 * (a fresh initdb + migrate costs ~3 s, loading the dump a fraction of that).
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `edgeplane_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database ${name} template ${templateDbName}`);
    } finally {
      await admin.end();
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    return openDatabase({ databaseUrl: u.toString(), migrate: false });
  }
  const template = process.env.EDGEPLANE_PGLITE_TEMPLATE;
  if (template) {
    const blob = new Blob([await readFile(template)]);
    return openDatabase({ loadDataDir: blob, migrate: false });
  }
  return openDatabase({});
}

/** Builds the migrated template once per test run (vitest globalSetup). */
export async function buildTestTemplate(pgliteDumpPath: string): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists ${templateDbName} with (force)`);
      await admin.unsafe(`create database ${templateDbName}`);
    } finally {
      await admin.end();
    }
    const u = new URL(url);
    u.pathname = `/${templateDbName}`;
    const db = await openDatabase({ databaseUrl: u.toString() });
    await db.close();
    return;
  }
  const db = await openDatabase({});
  const blob = await dumpPglite(db);
  await db.close();
  const { writeFile, mkdir } = await import("node:fs/promises");
  const path = await import("node:path");
  await mkdir(path.dirname(pgliteDumpPath), { recursive: true });
  await writeFile(pgliteDumpPath, Buffer.from(await blob.arrayBuffer()));
}

export { migrationsFolder };
