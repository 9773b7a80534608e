import { describe, expect, it } from "vitest";
import { GateTimeoutError, NodeGate } from "./gate.ts";

describe("NodeGate", () => {
  it("admits priority and dedicated requests first when a node is saturated, FIFO within a tier", async () => {
    const gate = new NodeGate(1);
    const release = await gate.acquire("n", "standard", { timeoutMs: 1000 });
    expect(gate.saturated("n")).toBe(true);
    const order: string[] = [];
    const wait = (name: string, tier: "standard" | "priority" | "dedicated") =>
      gate.acquire("n", tier, { timeoutMs: 1000 }).then((done) => {
        order.push(name);
        done();
      });
    const all = Promise.all([
      wait("standard-1", "standard"),
      wait("priority-1", "priority"),
      wait("standard-2", "standard"),
      wait("dedicated-1", "dedicated"),
      wait("priority-2", "priority"),
    ]);
    release();
    await all;
    expect(order).toEqual(["dedicated-1", "priority-1", "priority-2", "standard-1", "standard-2"]);
    expect(gate.inFlight("n")).toBe(0);
  });

  it("gives up after the wait limit and when the customer goes away", async () => {
    const gate = new NodeGate(1);
    const release = await gate.acquire("n", "standard", { timeoutMs: 1000 });
    await expect(gate.acquire("n", "priority", { timeoutMs: 20 })).rejects.toBeInstanceOf(
      GateTimeoutError,
    );
    const gone = new AbortController();
    const waiting = gate.acquire("n", "standard", { timeoutMs: 1000, signal: gone.signal });
    gone.abort(new Error("client closed"));
    await expect(waiting).rejects.toThrow("client closed");
    release();
    expect(gate.inFlight("n")).toBe(0);
    const again = await gate.acquire("n", "standard", { timeoutMs: 10 });
    again();
    again();
    expect(gate.inFlight("n")).toBe(0);
  });
});
