import { findAccelerator } from "@edgeplane/contracts";

/**
 * How each accelerator behaves in the simulator. Board power comes from the contracts'
 * catalogue (FIELD-NOTES-BUSINESS.md); clocks, idle draw and thermal limits are public spec
 * figures rounded, and the tokens/s an 8B-class model's rough decode throughput per GPU.
 */
export interface AcceleratorProfile {
  id: string;
  /** What nvidia-smi prints as `name`. */
  smiName: string;
  boardPowerW: number;
  idlePowerW: number;
  memoryMiB: number;
  maxSmClockMHz: number;
  idleSmClockMHz: number;
  /** Temperature at which the driver starts thermal slowdown. */
  slowdownC: number;
  shutdownC: number;
  /** GPU temperature at full board power with healthy cooling and 25 °C inlet air. */
  fullLoadC: number;
  /** HBM parts report `temperature.memory`; GDDR parts print `[N/A]`. */
  hbm: boolean;
  tokensPerSecondPerGpu: number;
}

type Row = Omit<AcceleratorProfile, "id" | "boardPowerW">;

const rows: Record<string, Row> = {
  "nvidia-h100-sxm": {
    smiName: "NVIDIA H100 80GB HBM3",
    idlePowerW: 72,
    memoryMiB: 81559,
    maxSmClockMHz: 1980,
    idleSmClockMHz: 345,
    slowdownC: 87,
    shutdownC: 92,
    fullLoadC: 71,
    hbm: true,
    tokensPerSecondPerGpu: 3000,
  },
  "nvidia-h100-pcie": {
    smiName: "NVIDIA H100 PCIe",
    idlePowerW: 48,
    memoryMiB: 81559,
    maxSmClockMHz: 1755,
    idleSmClockMHz: 345,
    slowdownC: 85,
    shutdownC: 90,
    fullLoadC: 74,
    hbm: true,
    tokensPerSecondPerGpu: 2200,
  },
  "nvidia-h200-sxm": {
    smiName: "NVIDIA H200",
    idlePowerW: 76,
    memoryMiB: 143771,
    maxSmClockMHz: 1980,
    idleSmClockMHz: 345,
    slowdownC: 87,
    shutdownC: 92,
    fullLoadC: 70,
    hbm: true,
    tokensPerSecondPerGpu: 3400,
  },
  "nvidia-h200-pcie": {
    smiName: "NVIDIA H200 NVL",
    idlePowerW: 65,
    memoryMiB: 143771,
    maxSmClockMHz: 1785,
    idleSmClockMHz: 345,
    slowdownC: 87,
    shutdownC: 92,
    fullLoadC: 72,
    hbm: true,
    tokensPerSecondPerGpu: 3000,
  },
  "nvidia-a100-80gb": {
    smiName: "NVIDIA A100-SXM4-80GB",
    idlePowerW: 58,
    memoryMiB: 81920,
    maxSmClockMHz: 1410,
    idleSmClockMHz: 210,
    slowdownC: 85,
    shutdownC: 92,
    fullLoadC: 66,
    hbm: true,
    tokensPerSecondPerGpu: 1800,
  },
  "nvidia-l40s": {
    smiName: "NVIDIA L40S",
    idlePowerW: 34,
    memoryMiB: 46068,
    maxSmClockMHz: 2520,
    idleSmClockMHz: 210,
    slowdownC: 88,
    shutdownC: 93,
    fullLoadC: 76,
    hbm: false,
    tokensPerSecondPerGpu: 1200,
  },
  "nvidia-l4": {
    smiName: "NVIDIA L4",
    idlePowerW: 16,
    memoryMiB: 23034,
    maxSmClockMHz: 2040,
    idleSmClockMHz: 210,
    slowdownC: 86,
    shutdownC: 91,
    fullLoadC: 71,
    hbm: false,
    tokensPerSecondPerGpu: 350,
  },
  "amd-mi300x": {
    smiName: "AMD Instinct MI300X",
    idlePowerW: 140,
    memoryMiB: 196592,
    maxSmClockMHz: 2100,
    idleSmClockMHz: 132,
    slowdownC: 95,
    shutdownC: 105,
    fullLoadC: 78,
    hbm: true,
    tokensPerSecondPerGpu: 2800,
  },
};

export const simulatedAccelerators = Object.keys(rows);

export function acceleratorProfile(type: string): AcceleratorProfile | undefined {
  const accelerator = findAccelerator(type);
  const row = accelerator ? rows[accelerator.id] : undefined;
  return accelerator && row
    ? { id: accelerator.id, boardPowerW: accelerator.boardPowerW, ...row }
    : undefined;
}
