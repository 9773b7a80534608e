export type { ReferenceUpstreamStats } from "./context.ts";
export { type ErrorFormat, errorBody, UpstreamError } from "./errors.ts";
export {
  chatPromptTokens,
  completionFor,
  countTokens,
  embeddingFor,
  promptText,
} from "./generate.ts";
export type { ReferenceModel, ReferenceUpstreamOptions } from "./options.ts";
export { type ReferenceUpstream, startReferenceUpstream } from "./server.ts";
