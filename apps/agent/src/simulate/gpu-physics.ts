import type { GpuSample } from "@edgeplane/contracts";
import type { AcceleratorProfile } from "./profiles.ts";
import type { Rng } from "./rng.ts";

export interface GpuState {
  index: number;
  uuid: string;
  util: number;
  tempC: number;
  powerW: number;
  smClockMHz: number;
  /** 1 = full clocks; the driver lowers it while the GPU is at its slowdown temperature. */
  thermalCap: number;
  powerCapped: boolean;
  eccCorrected: number;
  eccUncorrected: number;
  retiredPagesPending: boolean | null;
  lastXid: number;
  /** After XID 79 (fallen off the bus) nvidia-smi reads nothing until the host restarts. */
  lost: boolean;
}

export interface GpuEnvironment {
  /** Offered load, 0–1. */
  load: number;
  ambientC: number;
  /** 1 = healthy airflow; above 1 the same power heats the GPU more (a cooling failure). */
  coolingPenalty: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const approach = (from: number, to: number, dtS: number, tauS: number) =>
  from + (to - from) * (1 - Math.exp(-dtS / tauS));

export function newGpuState(
  profile: AcceleratorProfile,
  index: number,
  rng: Rng,
  ambientC: number,
): GpuState {
  const uuid = `GPU-${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
  return {
    index,
    uuid,
    util: 0,
    tempC: ambientC + 6,
    powerW: profile.idlePowerW,
    smClockMHz: profile.idleSmClockMHz,
    thermalCap: 1,
    powerCapped: false,
    eccCorrected: 0,
    eccUncorrected: 0,
    retiredPagesPending: profile.hbm ? null : false,
    lastXid: 0,
    lost: false,
  };
}

/**
 * One step of a first-order model: utilization follows load (τ 5 s), power follows utilization
 * and clocks, temperature follows power and cooling (τ 45 s); at the slowdown temperature the
 * clocks, and with them power and heat, come down until it holds.
 */
export function stepGpu(
  s: GpuState,
  p: AcceleratorProfile,
  env: GpuEnvironment,
  dtS: number,
  rng: Rng,
): void {
  if (s.lost || dtS <= 0) return;
  const target = clamp(env.load * 100 + rng.normal() * 4, 0, 100);
  s.util = clamp(approach(s.util, target, dtS, 5), 0, 100);
  const steps = dtS / 10;
  if (s.tempC >= p.slowdownC) s.thermalCap = Math.max(0.4, s.thermalCap - 0.1 * steps);
  else if (s.tempC < p.slowdownC - 3) s.thermalCap = Math.min(1, s.thermalCap + 0.04 * steps);

  const demand = p.idlePowerW + (p.boardPowerW - p.idlePowerW) * (s.util / 100) ** 1.1;
  const ceiling = p.boardPowerW * s.thermalCap;
  const noise = rng.normal() * p.boardPowerW * 0.008;
  s.powerW = clamp(Math.min(demand, ceiling) + noise, p.idlePowerW * 0.9, p.boardPowerW);
  s.powerCapped = demand >= p.boardPowerW * 0.97 && s.thermalCap >= 1;
  const busy = s.util >= 2;
  const clockRatio = demand > 0 ? Math.min(1, Math.min(demand, ceiling) / demand) ** 0.8 : 1;
  const clock = busy ? p.maxSmClockMHz * clockRatio * (s.powerCapped ? 0.96 : 1) : p.idleSmClockMHz;
  s.smClockMHz = Math.round(clock / 15) * 15;

  const rise = (p.fullLoadC - 25) * env.coolingPenalty;
  const tempTarget = env.ambientC + rise * (0.15 + 0.85 * (s.powerW / p.boardPowerW));
  s.tempC = clamp(
    approach(s.tempC, tempTarget, dtS, 45) + rng.normal() * 0.25,
    env.ambientC - 2,
    p.shutdownC + 1,
  );

  if (rng.chance(1e-4 * steps)) s.eccCorrected += rng.int(1, 3);
  if (rng.chance(5e-6 * steps)) {
    s.eccUncorrected += 1;
    s.lastXid = p.hbm ? 94 : 48;
    if (!p.hbm) s.retiredPagesPending = true;
  }
}

export function throttleBits(s: GpuState, p: AcceleratorProfile): string {
  let bits = 0;
  if (s.util < 2) bits |= 0x1;
  if (s.powerCapped) bits |= 0x4;
  if (s.tempC >= p.slowdownC || s.thermalCap < 1) bits |= 0x20;
  if (s.tempC >= p.slowdownC + 2) bits |= 0x40;
  return `0x${bits.toString(16).padStart(16, "0")}`;
}

/** What nvidia-smi (plus DCGM's last XID) would report for this GPU right now. */
export function gpuReading(s: GpuState, p: AcceleratorProfile, rng: Rng): GpuSample {
  const base = { index: s.index, uuid: s.uuid, name: p.smiName, lastXid: s.lastXid };
  if (s.lost) {
    return {
      ...base,
      utilizationPct: null,
      memoryUtilizationPct: null,
      memoryUsedMiB: null,
      memoryTotalMiB: null,
      temperatureC: null,
      memoryTemperatureC: null,
      powerW: null,
      powerLimitW: null,
      smClockMHz: null,
      eccCorrected: null,
      eccUncorrected: null,
      retiredPagesPending: null,
      throttleReasons: null,
    };
  }
  const temp = Math.round(s.tempC);
  return {
    ...base,
    utilizationPct: Math.round(s.util),
    memoryUtilizationPct: Math.round(clamp(s.util * 0.45 + rng.normal() * 2, 0, 100)),
    // vLLM reserves ~90% of the memory at start and keeps it.
    memoryUsedMiB: Math.round(p.memoryMiB * 0.9 + rng.normal() * 20),
    memoryTotalMiB: p.memoryMiB,
    temperatureC: temp,
    memoryTemperatureC: p.hbm
      ? Math.round(s.tempC + 5 + (5 * s.util) / 100 + rng.normal() * 0.3)
      : null,
    powerW: Math.round(s.powerW * 100) / 100,
    powerLimitW: p.boardPowerW,
    smClockMHz: s.smClockMHz,
    eccCorrected: s.eccCorrected,
    eccUncorrected: s.eccUncorrected,
    retiredPagesPending: s.retiredPagesPending,
    throttleReasons: throttleBits(s, p),
  };
}
