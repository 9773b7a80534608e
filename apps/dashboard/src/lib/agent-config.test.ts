import { describe, expect, it } from "vitest";
import { agentSettings } from "../../../agent/src/config/agent-config.ts";
import { agentEnvironment, keyFileCommands } from "./agent-config.ts";

describe("agent config snippets", () => {
  it("runs the agent with the key in a file, never on the command line", () => {
    const text = keyFileCommands("https://edge.example.com");
    expect(text).toContain(
      "edgeplane-agent --url https://edge.example.com --key-file /etc/edgeplane/node.key",
    );
    expect(text).not.toContain("epn_");
  });

  it("names the agent's environment variables", () => {
    expect(agentEnvironment("https://edge.example.com", "epn_abc")).toBe(
      "EDGEPLANE_URL=https://edge.example.com\nEDGEPLANE_NODE_KEY=epn_abc",
    );
  });

  it("uses flags and variables the agent actually reads", () => {
    const env = Object.fromEntries(agentSettings.map(([flag, variable]) => [flag, variable]));
    expect(env.url).toBe("EDGEPLANE_URL");
    expect(env.key).toBe("EDGEPLANE_NODE_KEY");
    expect(env["key-file"]).toBe("EDGEPLANE_NODE_KEY_FILE");
  });
});
