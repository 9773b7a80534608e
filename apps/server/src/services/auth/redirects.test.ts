import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import { resolveRedirect } from "./redirects.ts";

describe("resolveRedirect", () => {
  const local = loadConfig({ PUBLIC_URL: "http://localhost:3000", DATA_DIR: "/tmp/x" });
  const hosted = loadConfig({ PUBLIC_URL: "https://edge.example.com", DATA_DIR: "/tmp/x" });

  it("keeps our own origin and, for a loopback site, its other loopback spellings", () => {
    expect(resolveRedirect(local, "http://localhost:3000/login?x=1")).toBe(
      "http://localhost:3000/login?x=1",
    );
    expect(resolveRedirect(local, "http://127.0.0.1:3000/login")).toBe(
      "http://127.0.0.1:3000/login",
    );
    expect(resolveRedirect(local, "http://[::1]:3000/")).toBe("http://[::1]:3000/");
  });

  it("replaces anything else with the site URL", () => {
    expect(resolveRedirect(local, "http://127.0.0.1:4000/login")).toBe("http://localhost:3000/");
    expect(resolveRedirect(local, "https://evil.example/login")).toBe("http://localhost:3000/");
    expect(resolveRedirect(hosted, "http://localhost:3000/")).toBe("https://edge.example.com/");
    expect(resolveRedirect(hosted, "javascript:alert(1)")).toBe("https://edge.example.com/");
    expect(resolveRedirect(hosted, null)).toBe("https://edge.example.com/");
  });
});
