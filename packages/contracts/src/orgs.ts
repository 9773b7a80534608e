import { z } from "zod";
import { roles } from "./roles.ts";
import { text } from "./text.ts";

export const useCases = [
  "pilot_network",
  "production_fleet",
  "customer_tenant",
  "partner_network",
  "evaluation",
] as const;

export type UseCase = (typeof useCases)[number];

export const useCaseLabels: Record<(typeof useCases)[number], string> = {
  pilot_network: "Pilot network",
  production_fleet: "Production fleet",
  customer_tenant: "Customer tenant",
  partner_network: "Partner network",
  evaluation: "Evaluation",
};

export const roleSchema = z.enum(roles);

export const orgNameSchema = text(80, 2);

export const createOrgInput = z.object({
  name: orgNameSchema,
  useCase: z.enum(useCases),
});
export type CreateOrgInput = z.infer<typeof createOrgInput>;

export const updateOrgInput = z
  .object({ name: orgNameSchema, useCase: z.enum(useCases) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" });
export type UpdateOrgInput = z.infer<typeof updateOrgInput>;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Must be an email address").max(254));

export const inviteInput = z.object({ email: emailSchema, role: roleSchema });
export type InviteInput = z.infer<typeof inviteInput>;

export const changeRoleInput = z.object({ role: roleSchema });
