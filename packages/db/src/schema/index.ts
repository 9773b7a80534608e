export * from "./auth.ts";
export * from "./fleet.ts";
export * from "./orgs.ts";
export * from "./users.ts";
