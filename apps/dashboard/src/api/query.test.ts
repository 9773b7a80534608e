import { describe, expect, it } from "vitest";
import { toQuery } from "./query.ts";

describe("toQuery", () => {
  it("keeps set filters and drops empty ones", () => {
    expect(
      toQuery({ limit: 50, q: "  nairobi ", siteType: undefined, country: "", cursor: null }),
    ).toBe("limit=50&q=nairobi");
  });

  it("encodes what a search may contain", () => {
    expect(toQuery({ q: "50%_off & more" })).toBe("q=50%25_off+%26+more");
  });
});
