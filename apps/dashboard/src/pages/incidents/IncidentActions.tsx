import {
  type IncidentDetail,
  type IncidentStatus,
  incidentNoteInput,
  resolveIncidentInput,
} from "@edgeplane/contracts";
import { Button, Group, Modal, Select, Stack, Textarea } from "@mantine/core";
import {
  IconArrowsExchange,
  IconCheck,
  IconEye,
  IconMessagePlus,
  IconUserPlus,
} from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { type IncidentAction, useIncidentAction } from "../../api/incidents.ts";
import { useMembers } from "../../api/members.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { incidentStatusStyles } from "../../lib/ops-states.ts";

type Dialog = "assign" | "note" | "status" | "resolve" | null;

const openStatuses: IncidentStatus[] = ["investigating", "identified", "monitoring"];

/** Acknowledge, Assign, Add note, Change status, Resolve: for roles that may change incidents. */
export function IncidentActions({ orgId, incident }: { orgId: string; incident: IncidentDetail }) {
  const action = useIncidentAction(orgId, incident.id);
  const members = useMembers(orgId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [assignee, setAssignee] = useState<string | null>(incident.assignee?.id ?? null);
  const [status, setStatus] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const open = !incident.resolvedAt;

  const show = (d: Dialog) => {
    action.reset();
    setNote("");
    setNoteError(null);
    setStatus(null);
    setAssignee(incident.assignee?.id ?? null);
    setDialog(d);
  };
  const close = () => {
    setDialog(null);
    action.reset();
  };
  // The timeline shows each change at once: no toast on top of it.
  const run = (a: IncidentAction) => action.mutate(a, { onSuccess: close });
  const optionalNote = () => {
    const parsed = resolveIncidentInput.safeParse({ note: note.trim() || undefined });
    if (!parsed.success) {
      setNoteError(parsed.error.issues[0]?.message ?? "Invalid note");
      return null;
    }
    return { note: parsed.data.note };
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (dialog === "assign") run({ kind: "assign", assigneeId: assignee });
    if (dialog === "note") {
      const parsed = incidentNoteInput.safeParse({ body: note });
      if (!parsed.success) {
        setNoteError(parsed.error.issues[0]?.message ?? "Invalid note");
        return;
      }
      run({ kind: "note", body: parsed.data.body });
    }
    if (dialog === "status" && status) {
      const extra = optionalNote();
      if (extra) run({ kind: "status", status: status as IncidentStatus, ...extra });
    }
    if (dialog === "resolve") {
      const extra = optionalNote();
      if (extra) run({ kind: "resolve", ...extra });
    }
  };

  const memberOptions = (members.data?.members ?? []).map((m) => ({
    value: m.userId,
    label: m.email,
  }));
  const noteField = (label: string, required: boolean) => (
    <Textarea
      label={label}
      required={required}
      autosize
      minRows={3}
      maxRows={10}
      value={note}
      error={noteError}
      onChange={(e) => {
        setNote(e.currentTarget.value);
        setNoteError(null);
      }}
      data-autofocus
    />
  );
  const titles: Record<Exclude<Dialog, null>, string> = {
    assign: "Assign the incident",
    note: "Add a note",
    status: "Change the status",
    resolve: "Resolve the incident",
  };
  const submitLabels: Record<Exclude<Dialog, null>, string> = {
    assign: "Save assignment",
    note: "Save note",
    status: "Save status",
    resolve: "Resolve incident",
  };

  return (
    <>
      <Group gap="xs">
        {open && !incident.acknowledgedAt && (
          <Button
            leftSection={<IconEye size={16} />}
            loading={action.isPending && dialog === null}
            onClick={() => {
              setDialog(null);
              run({ kind: "acknowledge" });
            }}
          >
            Acknowledge
          </Button>
        )}
        {open && (
          <Button
            variant="default"
            leftSection={<IconUserPlus size={16} />}
            onClick={() => show("assign")}
          >
            Assign
          </Button>
        )}
        <Button
          variant="default"
          leftSection={<IconMessagePlus size={16} />}
          onClick={() => show("note")}
        >
          Add note
        </Button>
        {open && (
          <Button
            variant="default"
            leftSection={<IconArrowsExchange size={16} />}
            onClick={() => show("status")}
          >
            Change status
          </Button>
        )}
        {open && (
          <Button
            color="green"
            leftSection={<IconCheck size={16} />}
            onClick={() => show("resolve")}
          >
            Resolve
          </Button>
        )}
      </Group>
      {dialog === null && action.isError && (
        <ProblemAlert
          error={action.error}
          title="Could not acknowledge"
          onClose={() => action.reset()}
        />
      )}
      <Modal opened={dialog !== null} onClose={close} title={dialog ? titles[dialog] : ""} centered>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {dialog === "assign" && (
              <Select
                label="Assignee"
                description="The member who owns the incident until it is resolved"
                placeholder={members.isPending ? "Loading members…" : "Unassigned"}
                data={memberOptions}
                searchable
                clearable
                value={assignee}
                onChange={setAssignee}
                data-autofocus
              />
            )}
            {dialog === "note" && noteField("Note", true)}
            {dialog === "status" && (
              <>
                <Select
                  label="New status"
                  placeholder="Choose a status"
                  required
                  data={openStatuses
                    .filter((s) => s !== incident.status)
                    .map((s) => ({ value: s, label: incidentStatusStyles[s].label }))}
                  value={status}
                  onChange={setStatus}
                  allowDeselect={false}
                />
                {noteField("Note (optional)", false)}
              </>
            )}
            {dialog === "resolve" && noteField("Resolution note (optional)", false)}
            {action.isError && <ProblemAlert error={action.error} title="Could not save" />}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={action.isPending}
                disabled={dialog === "status" && !status}
                color={dialog === "resolve" ? "green" : undefined}
              >
                {dialog ? submitLabels[dialog] : ""}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
