import {
  acceleratorProfile,
  conformSample,
  InferenceCollector,
  type Logger,
  type Sampler,
  SimNode,
} from "@edgeplane/agent";

export interface SimulatedSamplerOptions {
  index: number;
  acceleratorType: string;
  gpuCount: number;
  /** The node's reference upstream (OpenAI base URL). */
  upstream: string;
  seed: number;
  log: Logger;
}

/**
 * A simulated GPU host (the agent simulator's thermals and load, no faults) whose inference
 * readings are real: scraped from the reference upstream the node's tunnel serves.
 */
export function simulatedSampler(o: SimulatedSamplerOptions): Sampler {
  const profile = acceleratorProfile(o.acceleratorType);
  if (!profile) throw new Error(`the simulator has no profile for ${o.acceleratorType}`);
  const host = new SimNode({
    index: o.index,
    profile,
    gpus: o.gpuCount,
    seed: o.seed,
    model: "",
    silentProbability: 0,
    overheatProbability: 0,
    xidProbability: 0,
    startMs: Date.now(),
  });
  const inference = new InferenceCollector({ upstream: o.upstream });
  return {
    async sample() {
      const { sample } = host.tick(Date.now());
      if (!sample) throw new Error("the simulated host produced no sample");
      return conformSample({ ...sample, inference: await inference.collect() }, o.log);
    },
  };
}
