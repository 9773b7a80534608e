export * from "./agent.ts";
export * from "./errors.ts";
export * from "./fleet.ts";
export * from "./ids.ts";
export * from "./orgs.ts";
export * from "./roles.ts";
export * from "./text.ts";
export * from "./views.ts";
