import type { Role } from "@edgeplane/contracts";
import type { Logger } from "../logger.ts";

export interface AuthUser {
  id: string;
  email: string;
  sessionId: string;
}

export interface OrgAccess {
  orgId: string;
  role: Role;
}

export interface AppVariables {
  requestId: string;
  log: Logger;
  user: AuthUser;
  access: OrgAccess;
}

export interface AppEnv {
  Variables: AppVariables;
}
