/** The public id the bench customer calls, and the name the reference upstream serves it by. */
export const benchModel = "bench-chat";
export const upstreamModel = "edgeplane/reference-chat";
