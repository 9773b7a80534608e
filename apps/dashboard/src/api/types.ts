import type { Role, UseCase } from "@edgeplane/contracts";

// Response shapes of apps/server/src/routes/api (the OpenAPI schemas there); they belong in
// @edgeplane/contracts once the server derives its route schemas from shared ones.

export interface Org {
  id: string;
  name: string;
  slug: string;
  useCase: UseCase;
  createdAt: string;
  updatedAt: string;
}

export interface Membership {
  org: Org;
  role: Role;
}

export interface Me {
  user: { id: string; email: string };
  memberships: Membership[];
}

export interface Member {
  userId: string;
  email: string;
  role: Role;
  joinedAt: string;
  lastSignInAt: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: string;
}

export interface MembersPage {
  members: Member[];
  invitations: Invitation[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string | null; email: string | null };
  action: string;
  target: { type: string; id: string };
  orgId: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}
