import { roles, useCases } from "@edgeplane/contracts";
import { z } from "@hono/zod-openapi";

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

/** The error responses every signed-in route can give. */
export const errorResponses = {
  400: problem("Invalid input; `errors` names each field"),
  401: problem("Missing, invalid, expired or signed-out access token"),
  403: problem("Your role does not allow this"),
  404: problem("Not found (or not yours)"),
  409: problem("Conflicts with the current state"),
};

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const orgSchema = z
  .object({
    id: z.string().openapi({ example: "org_2a9Fq…" }),
    name: z.string(),
    slug: z.string(),
    useCase: z.enum(useCases),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Organization");

export const roleEnum = z.enum(roles).openapi("Role");

export const membershipSchema = z.object({ org: orgSchema, role: roleEnum }).openapi("Membership");

/** Every list answers this shape: a keyset page, newest first. */
export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int().openapi({ description: "Matches for the filters, all pages" }),
      nextCursor: z
        .string()
        .nullable()
        .openapi({ description: "Pass as `cursor` for the next page; null on the last" }),
    })
    .openapi(name);

/** Ids are base58 with a prefix: anything else (a NUL, a quote) is a 400, never a query. */
export const idParam = (name: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_]{1,64}$/, "Malformed id")
    .openapi({ param: { name, in: "path" } });

export const orgIdParam = z.object({ orgId: idParam("orgId") });

/** A required JSON body (anything else is a 415, malformed JSON a 400). */
export const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
