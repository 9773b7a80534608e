import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** One database type for both storage modes: services never know which one they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs one statement; used by /readyz and tests. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** PGlite's shared_buffers unless told otherwise (see OpenOptions.sharedBuffers). */
export const defaultPgliteSharedBuffers = "32MB";

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** A PGlite data-dir dump to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob;
  migrate?: boolean;
  /**
   * PGlite's shared_buffers (default defaultPgliteSharedBuffers). PGlite touches all of it at
   * start, so it is RSS of the server process: 128MB (Postgres's default) costs ~115 MB more
   * than 32MB. Reads past it come from the data dir's files through the OS page cache.
   */
  sharedBuffers?: string;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.migrate !== false);
  return openPglite(opts);
}

async function openPostgres(url: string, runMigrations: boolean): Promise<Database> {
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Db;
  if (runMigrations) {
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
  }
  return {
    db,
    kind: "postgres",
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  let dataDir: string | undefined;
  if (opts.dataDir) {
    dataDir = path.resolve(opts.dataDir, "pglite");
    await mkdir(dataDir, { recursive: true });
  }
  const client = await PGlite.create({
    dataDir,
    loadDataDir: opts.loadDataDir,
    postgresqlconf: [`shared_buffers=${opts.sharedBuffers ?? defaultPgliteSharedBuffers}`],
  });
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db;
  if (opts.migrate !== false) {
    await migratePglite(drizzlePglite(client), { migrationsFolder });
  }
  return {
    db,
    kind: "pglite",
    ping: async () => {
      await client.query("select 1");
    },
    close: () => client.close(),
  };
}

/** Dumps a PGlite database (used to build the migrated test template). */
export async function dumpPglite(database: Database): Promise<Blob> {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir("none");
}
