export * from "./auth.ts";
export * from "./fleet.ts";
export * from "./gateway.ts";
export * from "./incidents.ts";
export * from "./orgs.ts";
export * from "./telemetry.ts";
export * from "./users.ts";
