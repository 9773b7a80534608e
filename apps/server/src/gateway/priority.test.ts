import { afterAll, beforeAll, expect, it } from "vitest";
import type { Tenant } from "../routes/api/sites/fixtures.ts";
import { type BedNode, chatModel, type GatewayBed, startGatewayBed, until } from "./testing/kit.ts";

/* A saturated node admits priority-tier customers before standard ones that queued earlier. */

let bed: GatewayBed;
let t: Tenant;
let node: BedNode;

beforeAll(async () => {
  bed = await startGatewayBed({ maxInFlightPerNode: 1 });
  t = await bed.tenant();
  const slow = await bed.upstream({ tokensPerSecond: 50, completionTokens: 10 });
  node = await bed.node(t, { country: "KE", upstream: slow });
});
afterAll(() => bed.close());

it("serves the priority customer first when the node is saturated", async () => {
  const standard = bed.client(await bed.key(t, (await bed.customer(t, { name: "Std" })).id));
  const priority = bed.client(
    await bed.key(t, (await bed.customer(t, { name: "Prio", slaTier: "priority" })).id),
  );
  const done: string[] = [];
  const ask = (client: typeof standard, name: string) =>
    client.chat.completions
      .create({ model: chatModel, messages: [{ role: "user", content: name }] })
      .then(() => done.push(name));
  const holding = ask(standard, "standard-holding");
  await until(() => bed.rt.gate.saturated(node.nodeId), "the node to be saturated");
  const queued = ask(standard, "standard-queued");
  // The standard request queues first: it still goes after the priority one.
  await until(() => bed.rt.gate.waiting(node.nodeId) === 1, "the standard request to queue");
  const jumped = ask(priority, "priority");
  await Promise.all([holding, queued, jumped]);
  expect(done).toEqual(["standard-holding", "priority", "standard-queued"]);
});
