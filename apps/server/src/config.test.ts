import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("keeps the embedded database's page cache small by default", () => {
    expect(loadConfig({}).pgliteSharedBuffers).toBe("32MB");
    expect(loadConfig({ PGLITE_SHARED_BUFFERS: "256MB" }).pgliteSharedBuffers).toBe("256MB");
  });

  it("refuses a page cache size Postgres would not read, naming the variable", () => {
    expect(() => loadConfig({ PGLITE_SHARED_BUFFERS: "lots" })).toThrow(ConfigError);
    expect(() => loadConfig({ PGLITE_SHARED_BUFFERS: "0MB" })).toThrow(/PGLITE_SHARED_BUFFERS/);
  });
});
