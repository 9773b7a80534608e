import { can, roleLabels, updateOrgInput } from "@edgeplane/contracts";
import { Button, Code, Group, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useUpdateOrg } from "../../api/orgs.ts";
import type { Membership } from "../../api/types.ts";
import { applyFieldErrors } from "../../components/field-errors.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { type OrgFormValues, useCaseOptions, validateOrgForm } from "../../org/org-form.ts";

/** Name and use case; owners and admins edit, everyone else reads. */
export function OrganizationTab({ membership }: { membership: Membership }) {
  const { org, role } = membership;
  const editable = can(role, "org.update");
  const update = useUpdateOrg(org.id);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<OrgFormValues>({
    mode: "controlled",
    initialValues: { name: org.name, useCase: org.useCase },
    validate: validateOrgForm,
  });
  const submit = form.onSubmit((values) => {
    const changes: Record<string, unknown> = {};
    if (values.name.trim() !== org.name) changes.name = values.name;
    if (values.useCase !== org.useCase) changes.useCase = values.useCase;
    const parsed = updateOrgInput.safeParse(changes);
    if (!parsed.success) return;
    setFailure(null);
    update.mutate(parsed.data, {
      onSuccess: (saved) => {
        form.resetDirty({ name: saved.name, useCase: saved.useCase });
        notifications.show({ color: "teal", message: "Organization saved." });
      },
      onError: (err) => {
        if (!applyFieldErrors(form, ["name", "useCase"], err)) setFailure(err);
      },
    });
  });
  return (
    <Paper withBorder p="lg" maw={560}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Organization name"
            required
            disabled={!editable}
            {...form.getInputProps("name")}
          />
          <Select
            label="Intended use case"
            required
            data={useCaseOptions}
            allowDeselect={false}
            disabled={!editable}
            {...form.getInputProps("useCase")}
          />
          <Text size="xs" c="dimmed">
            ID <Code>{org.id}</Code> · slug <Code>{org.slug}</Code> · created{" "}
            <RelativeTime iso={org.createdAt} size="xs" />
          </Text>
          {failure !== null && <ProblemAlert error={failure} title="Could not save" />}
          {editable ? (
            <Group>
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                Save changes
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              Only owners and admins can change these details. Your role is {roleLabels[role]}.
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
