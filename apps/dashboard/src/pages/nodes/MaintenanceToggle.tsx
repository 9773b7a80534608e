import type { NodeState } from "@edgeplane/contracts";
import { Button, Group, Modal, Stack, Switch, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useSetMaintenance } from "../../api/operations.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";

interface Props {
  orgId: string;
  nodeId: string;
  state: NodeState;
  /** The member's role may start and end maintenance. */
  manage: boolean;
}

/** Maintenance: planned work that must not page anyone (no incidents open meanwhile). */
export function MaintenanceToggle({ orgId, nodeId, state, manage }: Props) {
  const set = useSetMaintenance(orgId, nodeId);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const on = state.maintenance !== null;
  const change = (enabled: boolean, why?: string) =>
    set.mutate(
      { enabled, reason: why?.trim() || undefined },
      {
        onSuccess: () => {
          setAsking(false);
          notifications.show({
            color: "teal",
            message: enabled ? "Maintenance started." : "Maintenance ended.",
          });
        },
      },
    );
  return (
    <Stack gap={6}>
      <Switch
        label="Maintenance mode"
        description={
          on
            ? "No incidents open for this node while it is in maintenance"
            : "Turn on before planned work, so it opens no incidents"
        }
        checked={on}
        disabled={!manage || set.isPending}
        onChange={(e) => {
          set.reset();
          if (e.currentTarget.checked) {
            setReason("");
            setAsking(true);
          } else change(false);
        }}
      />
      {state.maintenance && (
        <Text size="xs" c="dimmed">
          Since <RelativeTime iso={state.maintenance.since} size="xs" />
          {state.maintenance.by ? ` by ${state.maintenance.by}` : ""}
          {state.maintenance.reason ? `: ${state.maintenance.reason}` : ""}
        </Text>
      )}
      {!asking && set.isError && (
        <ProblemAlert
          error={set.error}
          title="Could not change maintenance"
          onClose={() => set.reset()}
        />
      )}
      <Modal opened={asking} onClose={() => setAsking(false)} title="Start maintenance" centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            change(true, reason);
          }}
        >
          <Stack gap="md">
            <Textarea
              label="Reason (optional)"
              description="Shown on the node and in the audit log, e.g. driver upgrade"
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-autofocus
            />
            {set.isError && <ProblemAlert error={set.error} title="Could not start maintenance" />}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setAsking(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={set.isPending}>
                Start maintenance
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
