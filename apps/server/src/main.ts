import { enableCompileCache } from "node:module";

// Keeps V8's compiled (type-stripped) modules on disk between starts: ~25 % faster boots.
enableCompileCache();
await import("./start.ts");
