import type { Role } from "@edgeplane/contracts";
import { schema, type Tx } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { AppError, ForbiddenError, NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";

/** Locks the org's memberships so two concurrent changes cannot both remove the last owner. */
async function lockMembers(tx: Tx, orgId: string) {
  return tx
    .select({ userId: schema.memberships.userId, role: schema.memberships.role })
    .from(schema.memberships)
    .where(eq(schema.memberships.orgId, orgId))
    .for("update");
}

function guardOwnerChange(access: OrgAccess, from: Role, to: Role | null) {
  if ((from === "owner" || to === "owner") && access.role !== "owner") {
    throw new ForbiddenError("Only an owner can grant or take the owner role");
  }
}

export async function changeMemberRole({
  ctx,
  access,
  userId,
  role,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  userId: string;
  role: Role;
}): Promise<{ userId: string; role: Role }> {
  return ctx.db.transaction(async (tx) => {
    const members = await lockMembers(tx, access.orgId);
    const target = members.find((m) => m.userId === userId);
    if (!target) throw new NotFoundError("Member");
    guardOwnerChange(access, target.role, role);
    const owners = members.filter((m) => m.role === "owner").length;
    if (target.role === "owner" && role !== "owner" && owners <= 1) {
      throw new AppError("last_owner", "The last owner cannot give up the owner role", {
        errors: [{ path: "role", message: "Make another member owner first" }],
      });
    }
    await tx
      .update(schema.memberships)
      .set({ role, updatedAt: new Date() })
      .where(
        and(eq(schema.memberships.orgId, access.orgId), eq(schema.memberships.userId, userId)),
      );
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "member.role_changed",
      targetType: "user",
      targetId: userId,
      details: { from: target.role, to: role },
    });
    return { userId, role };
  });
}

export async function removeMember({
  ctx,
  access,
  userId,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  userId: string;
}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const members = await lockMembers(tx, access.orgId);
    const target = members.find((m) => m.userId === userId);
    if (!target) throw new NotFoundError("Member");
    guardOwnerChange(access, target.role, null);
    if (target.role === "owner" && members.filter((m) => m.role === "owner").length <= 1) {
      throw new AppError("last_owner", "The last owner cannot be removed");
    }
    await tx
      .delete(schema.memberships)
      .where(
        and(eq(schema.memberships.orgId, access.orgId), eq(schema.memberships.userId, userId)),
      );
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "member.removed",
      targetType: "user",
      targetId: userId,
      details: { role: target.role },
    });
  });
}
