import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { keyFilePath } from "../lib/agent-config.ts";
import { CopyableCode } from "./CopyableCode.tsx";

/** The next step when nothing has reported: the agent command, with this server's URL. */
export function StartAgentHint() {
  const origin = window.location.origin;
  return (
    <Stack gap="xs">
      <Text size="sm">
        Start the agent on a node, with the key generated under{" "}
        <Anchor component={Link} to="/nodes/keys">
          Node keys
        </Anchor>
        :
      </Text>
      <CopyableCode
        value={`edgeplane-agent --url ${origin} --key-file ${keyFilePath}`}
        copyLabel="Copy agent command"
      />
      <Text size="xs" c="dimmed">
        For a demo without GPUs:{" "}
        <code>edgeplane-agent simulate --url {origin} --keys keys.txt</code> (its data is labelled
        simulated).
      </Text>
    </Stack>
  );
}
