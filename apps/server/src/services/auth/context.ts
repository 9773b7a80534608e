import type { SigningKey } from "../../auth/signing-key.ts";
import type { Config } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import type { Mailer } from "../../mail/mailer.ts";
import type { Db } from "../context.ts";

/** What the built-in auth's services receive: no org and no actor, just the caller's client. */
export interface AuthCtx {
  db: Db;
  config: Config;
  signingKey: SigningKey;
  mailer: Mailer;
  log: Logger;
  client: { ip: string; userAgent?: string };
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
