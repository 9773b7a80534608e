import pkg from "../package.json" with { type: "json" };

export const agentVersion: string = pkg.version;
export const userAgent = `edgeplane-agent/${agentVersion}`;
