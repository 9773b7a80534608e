import type { Problem } from "@edgeplane/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, createApiClient } from "./client.ts";

const problem: Problem = {
  type: "/docs/errors#last_owner",
  title: "An organization needs an owner",
  status: 409,
  detail: "The last owner cannot give up the owner role",
  code: "last_owner",
  requestId: "req_123",
  errors: [{ path: "role", message: "Make another member owner first" }],
};

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(body === null ? null : JSON.stringify(body), { status, headers }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe("createApiClient", () => {
  const client = (onUnauthorized = vi.fn()) =>
    createApiClient({ getAccessToken: async () => "tok", onUnauthorized });

  it("sends the bearer token and JSON body", async () => {
    const fetchMock = respond(201, { id: "org_1" });
    const org = await client().post<{ id: string }>("/api/orgs", { name: "A" });
    expect(org).toEqual({ id: "org_1" });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.headers).toMatchObject({
      authorization: "Bearer tok",
      "content-type": "application/json",
    });
    expect(init?.body).toBe(JSON.stringify({ name: "A" }));
  });

  it("throws an ApiError carrying the problem, field errors and request id", async () => {
    respond(409, problem, { "content-type": "application/problem+json" });
    const err = await client()
      .patch("/api/orgs/o/members/u", { role: "admin" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: "last_owner", message: problem.detail });
    expect((err as ApiError).problem.requestId).toBe("req_123");
    expect((err as ApiError).fieldErrors).toEqual(problem.errors);
  });

  it("reports a 401 so the app can send the user to /login", async () => {
    respond(401, { ...problem, status: 401, code: "unauthorized", title: "Unauthorized" });
    const onUnauthorized = vi.fn();
    await expect(client(onUnauthorized).get("/api/me")).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it("turns a network failure or a non-problem body into a problem too", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("fetch failed");
      }),
    );
    await expect(client().get("/api/me")).rejects.toMatchObject({
      status: 0,
      code: "service_unavailable",
    });
    respond(502, "<html>bad gateway</html>", { "x-request-id": "req_9" });
    const err = await client()
      .get("/api/me")
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, problem: { requestId: "req_9" } });
  });

  it("returns nothing for 204", async () => {
    respond(204, null);
    await expect(client().delete("/api/orgs/o/invitations/i")).resolves.toBeUndefined();
  });
});
