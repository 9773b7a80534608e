import type { Db, Tx } from "@edgeplane/db";
import type { Logger } from "../logger.ts";

export interface Actor {
  userId: string;
  email: string;
}

/** What every service call receives: the database, who acts, and the request's id. */
export interface ServiceCtx {
  db: Db;
  actor: Actor;
  requestId: string;
  log?: Logger;
}

export type { Db, Tx };
