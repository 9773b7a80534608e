import type { FieldError } from "@edgeplane/contracts";
import type { Hook } from "@hono/zod-openapi";
import type { z } from "zod";
import { ValidationError } from "../errors.ts";
import type { AppEnv } from "./env.ts";

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "body",
    message: issue.message,
  }));
}

/** zod-openapi's hook: every invalid input becomes a 400 naming the field. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) throw new ValidationError(zodFieldErrors(result.error));
};
