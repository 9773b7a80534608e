import { z } from "zod";

/** Postgres text cannot hold NUL, and no name needs a control character. */
export const noControl = /^\P{Cc}*$/u;
export const noControlMessage = "Must not contain control characters";

/** A required, trimmed, single-line text field of at most `max` characters. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? "Required" : `Must be at least ${min} characters`)
    .max(max, `Must be at most ${max} characters`)
    .regex(noControl, noControlMessage);
