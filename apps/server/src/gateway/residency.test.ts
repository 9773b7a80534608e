import { type Region, regionForCountry, regions } from "@edgeplane/contracts";
import OpenAI from "openai";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Tenant } from "../routes/api/sites/fixtures.ts";
import { rng } from "../testing/fuzz.ts";
import { chatModel, type GatewayBed, startGatewayBed } from "./testing/kit.ts";

/*
 * Residency end to end: a random fleet behind real tunnels and random customers. Every answer
 * was served inside the key's placement; no candidate means 503, never a node elsewhere.
 */

let bed: GatewayBed;
let t: Tenant;
const fleet: { country: string; region: Region }[] = [];
const r = rng(7_2026);
const countries = ["KE", "NG", "DE", "FR", "GB", "US", "SG", "IN"];

beforeAll(async () => {
  bed = await startGatewayBed();
  t = await bed.tenant();
  const upstream = await bed.upstream();
  for (let i = 0; i < 6; i++) {
    const country = r.pick(countries);
    const region: Region = r.next() < 0.2 ? r.pick(regions) : regionForCountry(country);
    await bed.node(t, { country, region, upstream });
    fleet.push({ country, region });
  }
});
afterAll(() => bed.close());

it("never serves a key outside its residency or regions (24 random customers)", async () => {
  let served = 0;
  let refused = 0;
  for (let i = 0; i < 24; i++) {
    const allowedRegions = [...new Set(regions.filter(() => r.next() < 0.35))];
    if (allowedRegions.length === 0) allowedRegions.push(r.pick(regions));
    const residency =
      r.next() < 0.5 ? null : [...new Set([r.pick(countries), r.pick([...countries, "CH"])])];
    const customer = await bed.customer(t, {
      name: `Customer ${i}`,
      allowedRegions,
      dataResidency: residency,
    });
    const client = bed.client(await bed.key(t, customer.id));
    const possible = fleet.some(
      (n) =>
        allowedRegions.includes(n.region) && (residency === null || residency.includes(n.country)),
    );
    const result = await client.chat.completions
      .create({ model: chatModel, messages: [{ role: "user", content: `hi ${i}` }] })
      .then(
        () => 200,
        (err: unknown) => (err instanceof OpenAI.APIError ? err : null),
      );
    if (possible) {
      expect(result).toBe(200);
      served++;
    } else {
      expect(result).toMatchObject({ status: 503, code: "no_capacity_in_region" });
      refused++;
    }
    const models = (await client.models.list()).data.map((m) => m.id);
    expect(models.includes(chatModel)).toBe(possible);
    const events = await bed.usage(t);
    const mine = events.filter((e) => e.customerId === customer.id);
    expect(mine).toHaveLength(1);
    const [e] = mine;
    if (possible) {
      expect(allowedRegions).toContain(e?.region);
      if (residency) expect(residency).toContain(e?.country);
    } else {
      expect(e).toMatchObject({ nodeId: null, country: null, status: 503 });
    }
  }
  expect(served).toBeGreaterThan(3);
  expect(refused).toBeGreaterThan(3);
});
