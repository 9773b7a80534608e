import type { Page } from "@edgeplane/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./client.ts";
import {
  csvFileName,
  fetchAllRows,
  fetchCsv,
  type UsageFilters,
  type UsageRow,
  usagePath,
} from "./usage.ts";

const filters: UsageFilters = {
  from: "2026-11-01",
  to: "2026-11-30",
  customerId: null,
  keyId: "ck_2a9Fq7oLkQ3mZ8vXyW4bTc",
  model: "meta/llama 3",
};

const row = (n: number) => ({ day: "2026-11-01", requests: n }) as UsageRow;

/** A fake API with `total` rows, `size` per page, counting the pages asked for. */
function pages(total: number, size: number) {
  const asked: (string | null)[] = [];
  const getPage = async (cursor: string | null): Promise<Page<UsageRow>> => {
    asked.push(cursor);
    const start = cursor === null ? 0 : Number(cursor);
    const end = Math.min(start + size, total);
    const items = Array.from({ length: end - start }, (_, i) => row(start + i));
    return { items, total, nextCursor: end < total ? String(end) : null };
  };
  return { asked, getPage };
}

afterEach(() => vi.unstubAllGlobals());

describe("usage API", () => {
  it("puts every filter in the query string and leaves out the empty ones", () => {
    expect(usagePath("org_1", "/export", filters)).toBe(
      "/api/orgs/org_1/usage/export?from=2026-11-01&to=2026-11-30&keyId=ck_2a9Fq7oLkQ3mZ8vXyW4bTc&model=meta%2Fllama+3",
    );
    expect(csvFileName(filters)).toBe("usage-2026-11-01-to-2026-11-30.csv");
  });

  it("reads every page for the charts", async () => {
    const api = pages(2500, 1000);
    const all = await fetchAllRows(api.getPage, 10_000);
    expect(all.rows).toHaveLength(2500);
    expect(all).toMatchObject({ total: 2500, capped: false });
    expect(api.asked).toEqual([null, "1000", "2000"]);
  });

  it("stops at the cap and says so", async () => {
    const api = pages(50_000, 1000);
    const all = await fetchAllRows(api.getPage, 3000);
    expect(all.rows).toHaveLength(3000);
    expect(all).toMatchObject({ total: 50_000, capped: true });
    expect(api.asked).toHaveLength(3);
  });

  it("downloads the CSV with the bearer token", async () => {
    const fetchMock = vi.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response("day,requests\r\n2026-11-01,3\r\n", {
          headers: { "content-type": "text/csv" },
        }),
    );
    vi.stubGlobal("fetch", fetchMock);
    const blob = await fetchCsv("/api/orgs/org_1/usage/export?from=2026-11-01", "tok");
    expect(await blob.text()).toContain("2026-11-01,3");
    expect(fetchMock.mock.calls[0]?.[1]?.headers).toMatchObject({ authorization: "Bearer tok" });
  });

  it("turns a refused export into an ApiError with the request id", async () => {
    const problem = {
      type: "about:blank",
      title: "Invalid request",
      status: 400,
      detail: "from: Must not be after to",
      code: "validation_failed",
      requestId: "req_9",
    };
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify(problem), { status: 400 }));
    const err = await fetchCsv("/x", "tok").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, message: "from: Must not be after to" });
    expect((err as ApiError).problem.requestId).toBe("req_9");
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("network down");
    });
    expect(await fetchCsv("/x", null).catch((e: unknown) => e)).toMatchObject({ status: 0 });
  });
});
