import { createOrgInput } from "@edgeplane/contracts";
import { Button, Group, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useCreateOrg } from "../../api/orgs.ts";
import type { Org } from "../../api/types.ts";
import { applyFieldErrors } from "../../components/field-errors.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { type OrgFormValues, useCaseOptions, validateOrgForm } from "../../org/org-form.ts";

interface Props {
  onCreated: (org: Org) => void;
  onCancel: () => void;
}

export function CreateOrgForm({ onCreated, onCancel }: Props) {
  const create = useCreateOrg();
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<OrgFormValues>({
    mode: "uncontrolled",
    initialValues: { name: "", useCase: null },
    validate: validateOrgForm,
  });
  const submit = form.onSubmit((values) => {
    const parsed = createOrgInput.safeParse(values);
    if (!parsed.success) return;
    setFailure(null);
    create.mutate(parsed.data, {
      onSuccess: onCreated,
      onError: (err) => {
        if (!applyFieldErrors(form, ["name", "useCase"], err)) setFailure(err);
      },
    });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={440}>
        <TextInput
          label="Organization name"
          description="Your team, customer or pilot network, e.g. Nordic Edge Pilot"
          required
          data-autofocus
          autoComplete="organization"
          key={form.key("name")}
          {...form.getInputProps("name")}
        />
        <Select
          label="Intended use case"
          description="Helps us suggest the next steps; you can change it later"
          placeholder="Choose one"
          required
          data={useCaseOptions}
          allowDeselect={false}
          key={form.key("useCase")}
          {...form.getInputProps("useCase")}
        />
        {failure !== null && (
          <ProblemAlert error={failure} title="Could not create the organization" />
        )}
        <Group gap="sm">
          <Button type="submit" loading={create.isPending}>
            Create and continue
          </Button>
          <Button variant="default" onClick={onCancel} disabled={create.isPending}>
            Back
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
