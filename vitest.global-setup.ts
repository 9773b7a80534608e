import { rm } from "node:fs/promises";
import path from "node:path";
import { buildTestTemplate } from "@edgeplane/db/testing";

/** Migrates one template database per run; every test file clones it. */
export default async function setup() {
  const dump = path.resolve(".tmp", `pglite-template-${process.pid}.tar`);
  await buildTestTemplate(dump);
  if (!process.env.TEST_DATABASE_URL) process.env.EDGEPLANE_PGLITE_TEMPLATE = dump;
  // 42 MB a run: repeated runs would otherwise fill the disk.
  return () => rm(dump, { force: true });
}
