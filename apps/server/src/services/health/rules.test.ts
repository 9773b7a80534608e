import { describe, expect, it } from "vitest";
import { z } from "zod";
import { opsConfig, opsEnvShape } from "../../jobs/config.ts";
import { evaluateHealth, type HealthObservation, type HealthSnapshot } from "./rules.ts";

const t = opsConfig(z.object(opsEnvShape).parse({})).health;
const T0 = Date.parse("2026-11-25T12:00:00Z");
const s = (n: number) => n * 1000;

const healthy: HealthObservation = {
  heardAt: T0,
  intervalSeconds: 10,
  gpuTemp: 60,
  hottestGpu: 0,
  eccUncorrected: 0,
  eccGpu: null,
  xids: {},
  upstreamHealthy: true,
  errorRatePct: 0,
};
const online: HealthSnapshot = {
  status: "online",
  since: T0 - s(3600),
  reasons: [],
  xidBaseline: {},
  xidEvent: null,
  maintenance: false,
};

/** Evaluates a sequence of (seconds after T0, observation changes) and returns every state. */
function run(steps: [number, Partial<HealthObservation>][], start: HealthSnapshot = online) {
  let state = start;
  return steps.map(([sec, change]) => {
    const now = T0 + s(sec);
    state = evaluateHealth(state, { ...healthy, heardAt: now, ...change }, t, now);
    return state;
  });
}
const codes = (st: HealthSnapshot) => st.reasons.map((r) => r.code);

describe("health rules: each condition degrades the node and says why", () => {
  const cases: [string, Partial<HealthObservation>, string, RegExp][] = [
    [
      "GPU temperature at 85 °C",
      { gpuTemp: 85, hottestGpu: 3 },
      "gpu_temperature",
      /GPU 3 at 85 °C/,
    ],
    [
      "uncorrectable ECC errors",
      { eccUncorrected: 2, eccGpu: 1 },
      "ecc_uncorrectable",
      /2 uncorrectable ECC errors .*GPU 1/,
    ],
    [
      "a new XID error",
      { xids: { "2": 79 } },
      "xid_error",
      /XID 79 on GPU 2 \(GPU has fallen off the bus\)/,
    ],
    [
      "the inference upstream failing",
      { upstreamHealthy: false },
      "upstream_unhealthy",
      /health check/,
    ],
    ["an error rate above 5 %", { errorRatePct: 5.1 }, "error_rate", /Error rate 5.1 %/],
  ];
  for (const [name, change, code, message] of cases) {
    it(name, () => {
      const [st] = run([[0, change]]);
      expect(st?.status).toBe("degraded");
      expect(st?.reasons).toEqual([
        expect.objectContaining({
          code,
          message: expect.stringMatching(message),
          since: T0,
          clearingSince: null,
        }),
      ]);
    });
  }

  const below: [string, Partial<HealthObservation>][] = [
    ["84.9 °C", { gpuTemp: 84.9 }],
    ["an error rate of exactly 5 %", { errorRatePct: 5 }],
    ["no inference server reported", { upstreamHealthy: null, errorRatePct: null }],
    ["ECC not supported", { eccUncorrected: null }],
    ["a zero XID", { xids: {} }],
  ];
  for (const [name, change] of below) {
    it(`stays online with ${name}`, () => {
      expect(run([[0, change]])[0]?.status).toBe("online");
    });
  }

  it("a heartbeat late by more than 3 intervals degrades; 2 minutes of silence is offline", () => {
    const heardAt = T0;
    const at = (sec: number) => evaluateHealth(online, { ...healthy, heardAt }, t, T0 + s(sec));
    expect(at(30).status).toBe("online");
    expect(at(31).status).toBe("degraded");
    expect(codes(at(31))).toEqual(["heartbeat_late"]);
    expect(at(120).status).toBe("degraded");
    const off = at(121);
    expect(off.status).toBe("offline");
    expect(codes(off)).toEqual(["offline"]);
    expect(off.reasons[0]?.message).toBe(
      "No telemetry since 12:00:00 UTC (offline after 2 min of silence)",
    );
    expect(off.reasons[0]?.observedAt).toBe(T0);
    expect(off.reasons[0]?.severity).toBe("critical");
    expect(at(31).reasons[0]?.message).toBe("Last telemetry at 12:00:00 UTC; expected every 10 s");
  });

  it("names the day of a silence that began on another day, and never an ISO timestamp", () => {
    const st = evaluateHealth(online, { ...healthy, heardAt: T0 }, t, T0 + s(86_400));
    expect(st.reasons[0]?.message).toBe(
      "No telemetry since 25 Nov 12:00 UTC (offline after 2 min of silence)",
    );
    const xid = run([[0, { xids: { "1": 79 } }]])[0];
    expect(xid?.reasons[0]?.message).toBe(
      "XID 79 on GPU 1 (GPU has fallen off the bus) at 12:00:00 UTC",
    );
    for (const r of [...st.reasons, ...(xid?.reasons ?? [])]) {
      expect(r.message).not.toMatch(/\d{4}-\d\d-\d\dT/);
    }
  });

  it("keeps the offline wording unchanged from pass to pass while the node stays silent", () => {
    const at = (sec: number) => evaluateHealth(online, { ...healthy, heardAt: T0 }, t, T0 + s(sec));
    expect(at(500).reasons).toEqual(at(130).reasons.map((r) => ({ ...r, since: T0 + s(500) })));
  });

  it("uses the node's own interval for lateness", () => {
    const st = evaluateHealth(
      online,
      { ...healthy, heardAt: T0, intervalSeconds: 30 },
      t,
      T0 + s(80),
    );
    expect(st.status).toBe("online");
  });

  it("a repeated XID is not new; a different code is", () => {
    const states = run([
      [0, { xids: { "0": 13 } }],
      [700, { xids: { "0": 13 } }],
      [800, { xids: { "0": 13 } }],
      [805, { xids: { "0": 31 } }],
    ]);
    expect(states.map((x) => x.status)).toEqual(["degraded", "degraded", "online", "degraded"]);
  });

  it("a never-heard node is pending, whatever else is known", () => {
    const st = evaluateHealth(null, { ...healthy, heardAt: null, gpuTemp: 99 }, t, T0);
    expect(st).toMatchObject({ status: "pending", reasons: [] });
  });
});

describe("hysteresis", () => {
  it("a temperature hovering around 85 °C degrades once and recovers only below 80 °C for a minute", () => {
    const temps = [86, 84, 86, 83, 81, 79, 79, 79, 79];
    const states = run(temps.map((gpuTemp, i) => [i * 20, { gpuTemp }]));
    expect(states.map((x) => x.status)).toEqual([
      "degraded",
      "degraded",
      "degraded",
      "degraded",
      "degraded",
      "degraded",
      "degraded",
      "degraded",
      "online",
    ]);
    expect(states[5]?.reasons[0]?.clearingSince).toBe(T0 + s(100));
    expect(new Set(states.slice(0, 8).map((x) => x.since))).toEqual(new Set([T0]));
  });

  it("a clearing condition that comes back starts clearing again from scratch", () => {
    const states = run([
      [0, { errorRatePct: 9 }],
      [10, { errorRatePct: 1 }],
      [50, { errorRatePct: 3 }],
      [60, { errorRatePct: 1 }],
      [110, { errorRatePct: 1 }],
      [120, { errorRatePct: 1 }],
    ]);
    expect(states.map((x) => x.status)).toEqual([
      "degraded",
      "degraded",
      "degraded",
      "degraded",
      "degraded",
      "online",
    ]);
  });

  it("an offline node is confirmed online only after reporting for a minute", () => {
    const off = evaluateHealth(online, { ...healthy, heardAt: T0 }, t, T0 + s(200));
    expect(off.status).toBe("offline");
    const back = run(
      [
        [210, {}],
        [240, {}],
        [269, {}],
        [270, {}],
      ],
      off,
    );
    expect(back.map((x) => x.status)).toEqual(["offline", "offline", "offline", "online"]);
    expect(back[0]?.reasons[0]?.message).toBe(
      "Reporting again; confirming for 1 min before marking it online",
    );
  });

  it("keeps reading-based reasons while offline instead of clearing them on stale data", () => {
    const hot = run([[0, { gpuTemp: 90 }]])[0];
    if (!hot) throw new Error("no state");
    const off = evaluateHealth(hot, { ...healthy, heardAt: T0, gpuTemp: 20 }, t, T0 + s(300));
    expect(off.status).toBe("offline");
    expect(codes(off)).toEqual(["offline", "gpu_temperature"]);
  });
});

describe("maintenance", () => {
  it("is the state whatever the readings, and the reasons are still kept", () => {
    const st = run([[0, { gpuTemp: 95 }]], { ...online, maintenance: true })[0];
    expect(st?.status).toBe("maintenance");
    expect(codes(st as HealthSnapshot)).toEqual(["gpu_temperature"]);
  });

  it("covers silence too", () => {
    const st = evaluateHealth(
      { ...online, maintenance: true },
      { ...healthy, heardAt: T0 },
      t,
      T0 + s(600),
    );
    expect(st.status).toBe("maintenance");
    expect(codes(st)).toEqual(["offline"]);
  });
});
