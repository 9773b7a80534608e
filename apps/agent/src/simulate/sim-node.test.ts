import { type GpuSample, telemetrySampleSchema } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import type { UnsequencedSample } from "../buffer/types.ts";
import { acceleratorProfile } from "./profiles.ts";
import { SimNode, type SimNodeOptions, type SimTick } from "./sim-node.ts";

const h100 = acceleratorProfile("nvidia-h100-sxm");
if (!h100) throw new Error("catalogue lacks the H100 SXM");
const start = Date.UTC(2026, 10, 25, 0, 0, 0);

/** Drives a node through virtual time: one tick per 10-second interval. */
function drive(options: Partial<SimNodeOptions>, ticks: number): SimTick[] {
  const node = new SimNode({
    index: 0,
    profile: h100 as NonNullable<typeof h100>,
    gpus: 8,
    seed: 1234,
    model: "meta-llama/Llama-3.1-8B-Instruct",
    silentProbability: 0,
    overheatProbability: 0,
    xidProbability: 0,
    startMs: start,
    ...options,
  });
  return Array.from({ length: ticks }, (_, i) => node.tick(start + (i + 1) * 10_000));
}

const gpusOf = (ticks: SimTick[]) =>
  ticks
    .flatMap((t) => t.sample?.gpus ?? [])
    .filter(
      (g): g is GpuSample & { temperatureC: number; powerW: number; utilizationPct: number } =>
        g.temperatureC !== null && g.powerW !== null && g.utilizationPct !== null,
    );
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

describe("simulated GPU behaviour", () => {
  it("keeps a healthy H100 node within realistic ranges for a day, heat and power following load", () => {
    const ticks = drive({}, 8640);
    ticks
      .filter((_, i) => i % 50 === 0)
      .forEach((t) => {
        expect(() => telemetrySampleSchema.parse({ ...t.sample, seq: 1 })).not.toThrow();
      });
    const gpus = gpusOf(ticks);
    expect(gpus).toHaveLength(8640 * 8);
    const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)];
    const [utilMin, utilMax] = range(gpus.map((g) => g.utilizationPct));
    const [powerMin, powerMax] = range(gpus.map((g) => g.powerW));
    const [tempMin, tempMax] = range(gpus.map((g) => g.temperatureC));
    expect(utilMin).toBeGreaterThanOrEqual(0);
    expect(utilMax).toBeLessThanOrEqual(100);
    expect(powerMin).toBeGreaterThanOrEqual(60);
    expect(powerMax).toBeLessThanOrEqual(700);
    expect(tempMin).toBeGreaterThanOrEqual(18);
    expect(tempMax).toBeLessThan(h100.slowdownC);
    expect(
      gpus.every((g) => (g.memoryTemperatureC ?? 0) > g.temperatureC && g.memoryTotalMiB === 81559),
    ).toBe(true);
    const busy = gpus.filter((g) => g.utilizationPct >= 80);
    const quiet = gpus.filter((g) => g.utilizationPct <= 30);
    expect(busy.length).toBeGreaterThan(1000);
    expect(quiet.length).toBeGreaterThan(1000);
    expect(mean(busy.map((g) => g.powerW))).toBeGreaterThan(520);
    expect(mean(quiet.map((g) => g.powerW))).toBeLessThan(300);
    expect(
      mean(busy.map((g) => g.temperatureC)) - mean(quiet.map((g) => g.temperatureC)),
    ).toBeGreaterThan(15);
    const inference = ticks.map((t) => t.sample?.inference);
    expect(
      inference.every(
        (i) => i?.upstreamHealthy && i.models[0] === "meta-llama/Llama-3.1-8B-Instruct",
      ),
    ).toBe(true);
    expect(Math.max(...inference.map((i) => i?.tokensPerSecond ?? 0))).toBeLessThanOrEqual(
      3000 * 8,
    );
    expect(Math.max(...inference.map((i) => i?.tokensPerSecond ?? 0))).toBeGreaterThan(10_000);
  });

  it("throttles an overheating node at its slowdown temperature instead of letting it run away", () => {
    const ticks = drive({ overheatProbability: 1 }, 2160);
    const gpus = gpusOf(ticks);
    const hottest = Math.max(...gpus.map((g) => g.temperatureC));
    expect(hottest).toBeGreaterThanOrEqual(h100.slowdownC);
    expect(hottest).toBeLessThanOrEqual(h100.shutdownC + 1);
    const throttled = gpus.filter(
      (g) => (Number.parseInt(g.throttleReasons ?? "0", 16) & 0x20) !== 0,
    );
    expect(throttled.length).toBeGreaterThan(100);
    expect(mean(throttled.map((g) => g.smClockMHz ?? 0))).toBeLessThan(h100.maxSmClockMHz * 0.95);
    expect(ticks.some((t) => t.events.some((e) => e.type === "overheat"))).toBe(true);
  });

  it("reports GDDR parts without memory temperature and within their smaller power envelope", () => {
    const l4 = acceleratorProfile("nvidia-l4");
    if (!l4) throw new Error("catalogue lacks the L4");
    const gpus = gpusOf(drive({ profile: l4, gpus: 2 }, 2000));
    expect(gpus.every((g) => g.memoryTemperatureC === null && g.name === "NVIDIA L4")).toBe(true);
    expect(Math.max(...gpus.map((g) => g.powerW))).toBeLessThanOrEqual(72);
    expect(gpus.every((g) => g.retiredPagesPending === false)).toBe(true);
  });

  it("has occasional XIDs, loses a GPU on XID 79, and nodes that drop out and come back", () => {
    const ticks = drive({ xidProbability: 0.0005, silentProbability: 0.004 }, 8640);
    const events = ticks.flatMap((t) => t.events);
    const xids = events.flatMap((e) => (e.type === "xid" ? [e.xid] : []));
    expect(xids.length).toBeGreaterThan(5);
    expect(xids.every((x) => [13, 31, 43, 45, 63, 74, 79, 94, 119].includes(x))).toBe(true);
    expect(events.some((e) => e.type === "silent" && e.mode === "offline")).toBe(true);
    expect(events.some((e) => e.type === "silent" && e.mode === "partitioned")).toBe(true);
    expect(events.filter((e) => e.type === "back").length).toBeGreaterThan(0);
    // Host down: nothing at all. Network cut: samples exist but cannot be sent.
    expect(ticks.some((t) => t.sample === null && !t.canSend)).toBe(true);
    expect(ticks.some((t) => t.sample !== null && !t.canSend)).toBe(true);
  });

  it("loses a GPU that fell off the bus (XID 79) and with it the inference server", () => {
    const ticks = drive({ xidProbability: 0.5 }, 50);
    const lost = ticks.find((t) =>
      t.sample?.gpus.some((g) => g.lastXid === 79 && g.temperatureC === null),
    );
    const sample = lost?.sample as UnsequencedSample;
    expect(sample.gpus.find((g) => g.lastXid === 79)).toMatchObject({
      utilizationPct: null,
      powerW: null,
      name: "NVIDIA H100 80GB HBM3",
    });
    expect(sample.inference).toMatchObject({
      upstreamHealthy: false,
      tokensPerSecond: null,
      models: [],
    });
    expect(() => telemetrySampleSchema.parse({ ...sample, seq: 9 })).not.toThrow();
  });
});
