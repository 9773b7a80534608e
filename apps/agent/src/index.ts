export {
  Agent,
  type AgentExit,
  type AgentOptions,
  type AgentStats,
  type Sampler,
} from "./agent/agent.ts";
export { conformSample, createHostSampler } from "./agent/sampler.ts";
export { DiskBuffer, type DiskBufferOptions } from "./buffer/disk-buffer.ts";
export { MemoryBuffer } from "./buffer/memory-buffer.ts";
export type {
  BufferedSample,
  DropNotice,
  SampleBuffer,
  UnsequencedSample,
} from "./buffer/types.ts";
export { type DcgmGpu, gpuFromDcgm, mergeDcgm, parseDcgmMetrics } from "./collectors/dcgm.ts";
export { GpuCollector } from "./collectors/gpu.ts";
export { HostCollector, parseMeminfo } from "./collectors/host.ts";
export { InferenceCollector, upstreamRoot } from "./collectors/inference.ts";
export { parseModelsResponse } from "./collectors/models.ts";
export {
  interpretNvidiaSmi,
  nvidiaSmiArgs,
  parseNvidiaSmiCsv,
  runNvidiaSmi,
} from "./collectors/nvidia-smi.ts";
export { parsePrometheusText } from "./collectors/prometheus.ts";
export { inferenceRates, parseVllmMetrics, type VllmSnapshot } from "./collectors/vllm.ts";
export { createLogger, type Logger } from "./log.ts";
export { Fleet, type FleetOptions, type FleetSummary } from "./simulate/fleet.ts";
export { type AcceleratorProfile, acceleratorProfile } from "./simulate/profiles.ts";
export { SimNode, type SimNodeOptions } from "./simulate/sim-node.ts";
export { ControlPlaneClient, type SendResult } from "./transport/client.ts";
export {
  TunnelClient,
  type TunnelClientOptions,
  type TunnelExit,
  type TunnelStats,
} from "./tunnel/client.ts";
export { upstreamUrl } from "./tunnel/upstream-url.ts";
export { agentVersion } from "./version.ts";
