/* What an operator pastes on the node; names match apps/agent/src/config/agent-config.ts. */

export const keyFilePath = "/etc/edgeplane/node.key";

/** Stores the secret readable by root only, without it landing in the shell history. */
export function keyFileCommands(origin: string): string {
  return [
    "# Store the secret: run this, paste the secret, press Enter, then Ctrl-D",
    "sudo install -d -m 700 /etc/edgeplane",
    `sudo sh -c 'umask 077 && cat > ${keyFilePath}'`,
    "",
    "# Start the agent",
    `edgeplane-agent --url ${origin} --key-file ${keyFilePath}`,
  ].join("\n");
}

/** The same settings for a secret manager or a systemd EnvironmentFile. */
export function agentEnvironment(origin: string, secret: string): string {
  return [`EDGEPLANE_URL=${origin}`, `EDGEPLANE_NODE_KEY=${secret}`].join("\n");
}
