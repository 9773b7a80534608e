export * from "./errors.ts";
export * from "./ids.ts";
export * from "./orgs.ts";
export * from "./roles.ts";
