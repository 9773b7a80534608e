import { type CreateNodeKeyInput, newId } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { generateNodeKey } from "../../keys/secret.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx, Tx } from "../context.ts";
import { type NodeKeyView, nodeKeyView } from "./views.ts";

export interface IssuedKey {
  key: NodeKeyView;
  /** The only time the plaintext exists outside the agent: it is not stored, logged or audited. */
  secret: string;
}

type NodeRef = { id: string; name: string; externalId: string };

/** Inserts a new key for a node (shared by create and rotate). */
export async function insertKey(
  tx: Tx,
  ctx: ServiceCtx,
  node: NodeRef & { orgId: string },
  opts: { name?: string | null; expiresAt?: Date | null },
): Promise<IssuedKey> {
  const { secret, start, hash } = generateNodeKey();
  const [row] = await tx
    .insert(schema.nodeKeys)
    .values({
      id: newId("nodeKey"),
      orgId: node.orgId,
      nodeId: node.id,
      name: opts.name ?? null,
      start,
      hash,
      createdBy: ctx.actor.userId,
      expiresAt: opts.expiresAt ?? null,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return {
    key: nodeKeyView(row, { id: node.id, name: node.name, externalId: node.externalId }),
    secret,
  };
}

export async function findNode(tx: Tx, orgId: string, nodeId: string) {
  const n = schema.nodes;
  const [node] = await tx
    .select({ id: n.id, orgId: n.orgId, name: n.name, externalId: n.externalId })
    .from(n)
    .where(and(eq(n.orgId, orgId), eq(n.id, nodeId)))
    .limit(1);
  if (!node) throw new NotFoundError("Node");
  return node;
}

/** Issues a node API key; the response carries the secret once. */
export async function createNodeKey({
  ctx,
  access,
  nodeId,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  nodeId: string;
  input: CreateNodeKeyInput;
}): Promise<IssuedKey> {
  return ctx.db.transaction(async (tx) => {
    const node = await findNode(tx, access.orgId, nodeId);
    const issued = await insertKey(tx, ctx, node, {
      name: input.name,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    });
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "node_key.created",
      targetType: "node_key",
      targetId: issued.key.id,
      details: {
        nodeId,
        start: issued.key.start,
        name: issued.key.name,
        expiresAt: issued.key.expiresAt,
      },
    });
    return issued;
  });
}
