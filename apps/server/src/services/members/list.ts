import type { InvitationView, MemberView } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../context.ts";

export async function listMembers(db: Db, orgId: string): Promise<MemberView[]> {
  const rows = await db
    .select({
      userId: schema.memberships.userId,
      role: schema.memberships.role,
      joinedAt: schema.memberships.createdAt,
      email: schema.users.email,
      lastSignInAt: schema.users.lastSignInAt,
    })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(eq(schema.memberships.orgId, orgId))
    .orderBy(asc(schema.memberships.createdAt));
  return rows.map((r) => ({
    userId: r.userId,
    email: r.email,
    role: r.role,
    joinedAt: r.joinedAt.toISOString(),
    lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
  }));
}

export async function listInvitations(db: Db, orgId: string): Promise<InvitationView[]> {
  const rows = await db
    .select({
      id: schema.invitations.id,
      email: schema.invitations.email,
      role: schema.invitations.role,
      createdAt: schema.invitations.createdAt,
      invitedBy: schema.users.email,
    })
    .from(schema.invitations)
    .leftJoin(schema.users, eq(schema.users.id, schema.invitations.invitedBy))
    .where(
      and(
        eq(schema.invitations.orgId, orgId),
        isNull(schema.invitations.acceptedAt),
        isNull(schema.invitations.revokedAt),
      ),
    )
    .orderBy(desc(schema.invitations.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export type { InvitationView, MemberView };
