import type {
  CreateCustomerInput,
  CreateModelInput,
  CreateOrgInput,
  CreateSiteInput,
} from "@edgeplane/contracts";

/* What `npm run demo` builds: every name says "demo" or "simulated" so nobody mistakes it. */

export const demoUserEmail = "demo@edgeplane.local";

export const demoOrg: CreateOrgInput = {
  name: "Demo network (simulated)",
  useCase: "pilot_network",
};

export interface DemoSite {
  key: string;
  input: CreateSiteInput;
}

export const demoSites: DemoSite[] = [
  {
    key: "fra",
    input: {
      name: "Frankfurt telecom room (demo)",
      city: "Frankfurt am Main",
      country: "DE",
      powerCapacityKw: 60,
      siteType: "telecom_room",
      connectivityTier: "tier_3",
    },
  },
  {
    key: "par",
    input: {
      name: "Paris university lab (demo)",
      city: "Paris",
      country: "FR",
      powerCapacityKw: 40,
      siteType: "university",
      connectivityTier: "tier_2",
    },
  },
  {
    key: "iad",
    input: {
      name: "Virginia hospital (demo)",
      city: "Richmond, VA",
      country: "US",
      powerCapacityKw: 40,
      siteType: "hospital",
      connectivityTier: "tier_2",
    },
  },
];

export interface DemoNode {
  site: string;
  name: string;
  externalId: string;
  acceleratorType: string;
  gpuCount: number;
  latencyEstimateMs: number;
}

const accelerators: Record<string, string> = {
  fra: "nvidia-h100-sxm",
  par: "nvidia-l40s",
  iad: "nvidia-a100-80gb",
};

/** Two nodes a site, each with its own reference upstream and agent. */
export const demoNodes: DemoNode[] = demoSites.flatMap(({ key }, s) =>
  [1, 2].map((n) => ({
    site: key,
    name: `${key}-gpu-0${n}`,
    externalId: `demo-${key}-gpu-0${n}`,
    acceleratorType: accelerators[key] ?? "nvidia-l40s",
    gpuCount: 4,
    latencyEstimateMs: 12 + s * 9 + n,
  })),
);

/** The names the reference upstream serves under, as a vLLM would. */
export const upstreamModels = {
  chat: "edgeplane/reference-chat",
  embedding: "edgeplane/reference-embed",
} as const;

export const demoModels: CreateModelInput[] = [
  {
    publicId: "demo-chat",
    upstreamName: upstreamModels.chat,
    kind: "chat",
    contextLength: 32_768,
    inputPricePerMTok: 0.1,
    outputPricePerMTok: 0.4,
  },
  {
    publicId: "demo-embed",
    upstreamName: upstreamModels.embedding,
    kind: "embedding",
    contextLength: 512,
    inputPricePerMTok: 0.02,
    outputPricePerMTok: 0,
  },
];

export const demoCustomer: CreateCustomerInput = {
  name: "Demo customer",
  contactName: "Demo contact",
  contactEmail: "customer@edgeplane.local",
  notes: "Created by npm run demo: a simulated fleet answering with reference upstreams.",
};
