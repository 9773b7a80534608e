import { changeRoleInput, inviteInput } from "@edgeplane/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { listAudit } from "../../../services/audit/list.ts";
import { changeMemberRole, removeMember } from "../../../services/members/change.ts";
import { inviteMember, revokeInvitation } from "../../../services/members/invite.ts";
import { listInvitations, listMembers } from "../../../services/members/list.ts";
import { type Api, serviceCtx } from "../../types.ts";
import { errorResponses, idParam, json, orgIdParam, roleEnum } from "../schemas.ts";

const tags = ["Members"];
const security = [{ bearer: [] }];

const memberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    role: roleEnum,
    joinedAt: z.string(),
    lastSignInAt: z.string().nullable(),
  })
  .openapi("Member");

const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: roleEnum,
    invitedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Invitation");

const userParam = orgIdParam.extend({
  userId: z.uuid("Must be a user id").openapi({ param: { name: "userId", in: "path" } }),
});
const invitationParam = orgIdParam.extend({ invitationId: idParam("invitationId") });

const list = createRoute({
  method: "get",
  path: "/orgs/{orgId}/members",
  tags,
  security,
  summary: "Members and open invitations",
  request: { params: orgIdParam },
  responses: {
    200: json(
      z.object({ members: z.array(memberSchema), invitations: z.array(invitationSchema) }),
      "Members and invitations",
    ),
    ...errorResponses,
  },
});

const invite = createRoute({
  method: "post",
  path: "/orgs/{orgId}/invitations",
  tags,
  security,
  summary: "Invite someone by e-mail; they join on sign-in",
  request: {
    params: orgIdParam,
    body: { required: true, content: { "application/json": { schema: inviteInput } } },
  },
  responses: { 201: json(invitationSchema, "The invitation"), ...errorResponses },
});

const revoke = createRoute({
  method: "delete",
  path: "/orgs/{orgId}/invitations/{invitationId}",
  tags,
  security,
  summary: "Revoke an open invitation",
  request: { params: invitationParam },
  responses: { 204: { description: "Revoked" }, ...errorResponses },
});

const changeRole = createRoute({
  method: "patch",
  path: "/orgs/{orgId}/members/{userId}",
  tags,
  security,
  summary: "Change a member's role (the last owner stays owner)",
  request: {
    params: userParam,
    body: { required: true, content: { "application/json": { schema: changeRoleInput } } },
  },
  responses: {
    200: json(z.object({ userId: z.string(), role: roleEnum }), "The new role"),
    ...errorResponses,
  },
});

const remove = createRoute({
  method: "delete",
  path: "/orgs/{orgId}/members/{userId}",
  tags,
  security,
  summary: "Remove a member (the last owner cannot be removed)",
  request: { params: userParam },
  responses: { 204: { description: "Removed" }, ...errorResponses },
});

const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ id: z.string().nullable(), email: z.string().nullable() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    orgId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
  })
  .openapi("AuditEntry");

const audit = createRoute({
  method: "get",
  path: "/orgs/{orgId}/audit",
  tags: ["Audit"],
  security,
  summary: "The audit log, newest first (owner and admin)",
  request: {
    params: orgIdParam,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      before: z.string().min(1).max(64).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
      "A page of audit entries",
    ),
    ...errorResponses,
  },
});

export function registerMembers(app: Api, deps: Deps) {
  const db = deps.database.db;
  const uid = (c: { get(k: "user"): { id: string } }) => c.get("user").id;
  app.openapi(list, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, uid(c), orgId, "members.read");
    const [members, invitations] = await Promise.all([
      listMembers(db, orgId),
      listInvitations(db, orgId),
    ]);
    return c.json({ members, invitations }, 200);
  });
  app.openapi(invite, async (c) => {
    const { orgId } = c.req.valid("param");
    const access = await authorize(db, uid(c), orgId, "members.manage");
    const inv = await inviteMember({
      ctx: serviceCtx(c, deps),
      access,
      input: c.req.valid("json"),
    });
    return c.json(inv, 201);
  });
  app.openapi(revoke, async (c) => {
    const { orgId, invitationId } = c.req.valid("param");
    const access = await authorize(db, uid(c), orgId, "members.manage");
    await revokeInvitation({ ctx: serviceCtx(c, deps), access, invitationId });
    return c.body(null, 204);
  });
  app.openapi(changeRole, async (c) => {
    const { orgId, userId } = c.req.valid("param");
    const access = await authorize(db, uid(c), orgId, "members.manage");
    const { role } = c.req.valid("json");
    return c.json(await changeMemberRole({ ctx: serviceCtx(c, deps), access, userId, role }), 200);
  });
  app.openapi(remove, async (c) => {
    const { orgId, userId } = c.req.valid("param");
    const access = await authorize(db, uid(c), orgId, "members.manage");
    await removeMember({ ctx: serviceCtx(c, deps), access, userId });
    return c.body(null, 204);
  });
  app.openapi(audit, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, uid(c), orgId, "audit.read");
    return c.json(await listAudit(db, orgId, c.req.valid("query")), 200);
  });
}
