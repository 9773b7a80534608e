import { type InviteInput, newId } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq, isNull } from "drizzle-orm";
import { ConflictError, ForbiddenError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import type { InvitationView } from "./list.ts";

/** Invites an e-mail address; the person joins with this role when they next sign in. */
export async function inviteMember({
  ctx,
  access,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  input: InviteInput;
}): Promise<InvitationView> {
  if (input.role === "owner" && access.role !== "owner") {
    throw new ForbiddenError("Only an owner can invite another owner");
  }
  return ctx.db.transaction(async (tx) => {
    const member = await tx
      .select({ userId: schema.memberships.userId })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(and(eq(schema.memberships.orgId, access.orgId), eq(schema.users.email, input.email)))
      .limit(1);
    if (member.length > 0) {
      throw new ConflictError(`${input.email} is already a member`, [
        { path: "email", message: "Already a member of this organization" },
      ]);
    }
    const open = await tx
      .select({ id: schema.invitations.id })
      .from(schema.invitations)
      .where(
        and(
          eq(schema.invitations.orgId, access.orgId),
          eq(schema.invitations.email, input.email),
          isNull(schema.invitations.acceptedAt),
          isNull(schema.invitations.revokedAt),
        ),
      )
      .limit(1);
    if (open.length > 0) {
      throw new ConflictError(`${input.email} already has an open invitation`, [
        { path: "email", message: "Already invited" },
      ]);
    }
    const [inv] = await tx
      .insert(schema.invitations)
      .values({
        id: newId("invitation"),
        orgId: access.orgId,
        email: input.email,
        role: input.role,
        invitedBy: ctx.actor.userId,
      })
      .returning();
    if (!inv) throw new Error("insert returned no row");
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "member.invited",
      targetType: "invitation",
      targetId: inv.id,
      details: { email: inv.email, role: inv.role },
    });
    return {
      id: inv.id,
      email: inv.email,
      role: inv.role,
      invitedBy: ctx.actor.email,
      createdAt: inv.createdAt.toISOString(),
    };
  });
}

export async function revokeInvitation({
  ctx,
  access,
  invitationId,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  invitationId: string;
}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [inv] = await tx
      .update(schema.invitations)
      .set({ revokedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(schema.invitations.id, invitationId),
          eq(schema.invitations.orgId, access.orgId),
          isNull(schema.invitations.acceptedAt),
          isNull(schema.invitations.revokedAt),
        ),
      )
      .returning();
    if (!inv) throw new ConflictError("The invitation is not open (or does not exist)");
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "member.invitation_revoked",
      targetType: "invitation",
      targetId: inv.id,
      details: { email: inv.email },
    });
  });
}
