import { base58, type CreateOrgInput, newId } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { type OrgView, orgView } from "./views.ts";

export function slugify(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return s || "org";
}

/** Creates a tenant; its creator becomes its owner. */
export async function createOrg({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: CreateOrgInput;
}): Promise<OrgView> {
  return ctx.db.transaction(async (tx) => {
    const base = slugify(input.name);
    let slug = base;
    for (let attempt = 0; attempt < 5; attempt++) {
      const taken = await tx
        .select({ id: schema.organizations.id })
        .from(schema.organizations)
        .where(eq(schema.organizations.slug, slug))
        .limit(1);
      if (taken.length === 0) break;
      slug = `${base}-${base58(crypto.getRandomValues(new Uint8Array(3))).toLowerCase()}`;
    }
    const [org] = await tx
      .insert(schema.organizations)
      .values({ id: newId("org"), name: input.name, slug, useCase: input.useCase })
      .returning();
    if (!org) throw new Error("insert returned no row");
    await tx
      .insert(schema.memberships)
      .values({ orgId: org.id, userId: ctx.actor.userId, role: "owner" });
    await writeAudit(tx, ctx, {
      orgId: org.id,
      action: "org.created",
      targetType: "organization",
      targetId: org.id,
      details: { name: org.name, useCase: org.useCase, slug: org.slug },
    });
    return orgView(org);
  });
}
