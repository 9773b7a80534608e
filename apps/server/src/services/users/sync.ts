import { schema } from "@edgeplane/db";
import { and, eq, isNull } from "drizzle-orm";
import { writeAudit } from "../audit/write.ts";
import type { Db } from "../context.ts";

/**
 * Makes sure the signed-in user has a row (Supabase mode mirrors users on first sight) and
 * turns open invitations for their e-mail into memberships: the invitee joins on sign-in.
 */
export async function syncUser(
  db: Db,
  user: { id: string; email: string },
  requestId: string,
): Promise<void> {
  await db
    .insert(schema.users)
    .values({ id: user.id, email: user.email })
    .onConflictDoNothing({ target: schema.users.id });
  if (!user.email) return;
  const open = await db
    .select({ id: schema.invitations.id })
    .from(schema.invitations)
    .where(
      and(
        eq(schema.invitations.email, user.email),
        isNull(schema.invitations.acceptedAt),
        isNull(schema.invitations.revokedAt),
      ),
    )
    .limit(100);
  if (open.length === 0) return;
  await db.transaction(async (tx) => {
    const ctx = { db, actor: { userId: user.id, email: user.email }, requestId };
    const invites = await tx
      .update(schema.invitations)
      .set({ acceptedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(schema.invitations.email, user.email),
          isNull(schema.invitations.acceptedAt),
          isNull(schema.invitations.revokedAt),
        ),
      )
      .returning();
    for (const inv of invites) {
      const joined = await tx
        .insert(schema.memberships)
        .values({ orgId: inv.orgId, userId: user.id, role: inv.role })
        .onConflictDoNothing()
        .returning({ orgId: schema.memberships.orgId });
      if (joined.length === 0) continue;
      await writeAudit(tx, ctx, {
        orgId: inv.orgId,
        action: "member.joined",
        targetType: "user",
        targetId: user.id,
        details: { email: user.email, role: inv.role, invitationId: inv.id },
      });
    }
  });
}
