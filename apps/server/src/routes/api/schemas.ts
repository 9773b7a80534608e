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

export const orgIdParam = z.object({
  orgId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "orgId", in: "path" } }),
});
