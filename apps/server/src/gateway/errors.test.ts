import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tenant } from "../routes/api/sites/fixtures.ts";
import { chatModel, embedModel, type GatewayBed, startGatewayBed } from "./testing/kit.ts";

/* Every refusal arrives as the SDK's typed error, in OpenAI's shape. */

let bed: GatewayBed;
let t: Tenant;
let customerId: string;

beforeAll(async () => {
  bed = await startGatewayBed();
  t = await bed.tenant();
  await bed.node(t, { country: "KE", upstream: await bed.upstream() });
  customerId = (await bed.customer(t)).id;
});
afterAll(() => bed.close());

const hello = { model: chatModel, messages: [{ role: "user" as const, content: "hello" }] };

async function rejection(p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpenAI.APIError);
  return err as InstanceType<typeof OpenAI.APIError>;
}

describe("gateway errors", () => {
  it("a wrong, malformed or missing key is a 401 AuthenticationError", async () => {
    for (const key of ["epk_1111111111111111111111111", "sk-nope", "epn_2222222222222222222222"]) {
      const err = await rejection(bed.client(key).chat.completions.create(hello));
      expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(err.code).toBe("invalid_api_key");
      expect(err.error).toMatchObject({ type: "invalid_request_error", param: null });
    }
    const res = await fetch(`${bed.url}/api/v1/models`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_api_key" } });
  });

  it("a model outside the key's allow-list is a 404 model_not_found, like a model that does not exist", async () => {
    const secret = await bed.key(t, customerId, { models: [embedModel] });
    const err = await rejection(bed.client(secret).chat.completions.create(hello));
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err).toMatchObject({ code: "model_not_found", param: "model" });
    const missing = await rejection(
      bed.client(secret).chat.completions.create({ ...hello, model: "gpt-9" }),
    );
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((await bed.client(secret).models.list()).data.map((m) => m.id)).toEqual([embedModel]);
  });

  it("an embedding model on chat completions is a 400", async () => {
    const secret = await bed.key(t, customerId);
    const err = await rejection(
      bed.client(secret).chat.completions.create({ ...hello, model: embedModel }),
    );
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe("model");
  });

  it("over requests/min is a RateLimitError with Retry-After", async () => {
    const secret = await bed.key(t, customerId, { rpmLimit: 2 });
    const client = bed.client(secret);
    await client.chat.completions.create(hello);
    await client.chat.completions.create(hello);
    const err = await rejection(client.chat.completions.create(hello));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.code).toBe("rate_limit_exceeded");
    expect(err.type).toBe("requests");
    expect(Number(err.headers?.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("over tokens/min is a RateLimitError of type tokens", async () => {
    const secret = await bed.key(t, customerId, { tpmLimit: 20 });
    const client = bed.client(secret);
    await client.chat.completions.create(hello);
    const err = await rejection(client.chat.completions.create(hello));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.type).toBe("tokens");
    expect(Number(err.headers?.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("an exhausted monthly budget is a 429 insufficient_quota", async () => {
    const secret = await bed.key(t, customerId, { monthlyTokenBudget: 30 });
    const client = bed.client(secret);
    await client.chat.completions.create(hello);
    const err = await rejection(client.chat.completions.create(hello));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err).toMatchObject({
      status: 429,
      code: "insufficient_quota",
      type: "insufficient_quota",
    });
  });

  it("no node inside the residency is a 503 no_capacity_in_region, never a node outside it", async () => {
    const german = await bed.customer(t, { name: "Bank DE", dataResidency: ["DE"] });
    const secret = await bed.key(t, german.id);
    const err = await rejection(bed.client(secret).chat.completions.create(hello));
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err).toMatchObject({ status: 503, code: "no_capacity_in_region" });
    expect((await bed.client(secret).models.list()).data).toEqual([]);
    const streamed = await rejection(
      bed.client(secret).chat.completions.create({ ...hello, stream: true }),
    );
    expect(streamed.status).toBe(503);
  });

  it("a key narrowed to regions the fleet is not in gets no capacity either", async () => {
    const secret = await bed.key(t, customerId, { regions: ["eu"] });
    const err = await rejection(bed.client(secret).chat.completions.create(hello));
    expect(err).toMatchObject({ status: 503, code: "no_capacity_in_region" });
  });

  it("a suspended customer is a 403 PermissionDeniedError", async () => {
    const c = await bed.customer(t, { name: "Paused Ltd" });
    const secret = await bed.key(t, c.id);
    const res = await bed.h.request(`${t.base}/customers/${c.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { status: "suspended" },
    });
    expect(res.status).toBe(200);
    const err = await rejection(bed.client(secret).chat.completions.create(hello));
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(err.code).toBe("account_suspended");
  });

  it("unknown gateway paths answer in OpenAI's shape too", async () => {
    const secret = await bed.key(t, customerId);
    const res = await fetch(`${bed.url}/api/v1/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });
});
