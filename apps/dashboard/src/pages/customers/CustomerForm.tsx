import { type CreateCustomerInput, type SlaTier, slaTargets } from "@edgeplane/contracts";
import {
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMemo, useState } from "react";
import type { Customer } from "../../api/customers.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { countryOptions, regionOptions } from "../../lib/site-form.ts";
import { availabilityText, formatMinutes, slaSummary, slaTierOptions } from "./access-words.ts";
import {
  type CustomerFormValues,
  customerFormFields,
  customerFormValues,
  customerStatusOptions,
  parseCustomerForm,
  supportTierOptions,
  validateCustomerForm,
} from "./customer-form.ts";
import { applyListFieldErrors } from "./form-errors.ts";

interface Props {
  initial?: Customer;
  submitLabel: string;
  failureTitle: string;
  submit: (input: CreateCustomerInput) => Promise<unknown>;
  onCancel: () => void;
}

function SlaOption({ tier }: { tier: SlaTier }) {
  const sla = slaTargets[tier];
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {sla.label}
      </Text>
      <Text size="xs" c="dimmed">
        {availabilityText(sla)} · critical response in {formatMinutes(sla.responseMinutes.critical)}{" "}
        · {sla.coverage}
      </Text>
    </Stack>
  );
}

/** A customer's access model, validated with the contracts' schema; server errors land here too. */
export function CustomerForm({ initial, submitLabel, failureTitle, submit, onCancel }: Props) {
  const countries = useMemo(() => countryOptions(), []);
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const form = useForm<CustomerFormValues>({
    initialValues: customerFormValues(initial),
    validate: validateCustomerForm,
  });
  const onSubmit = form.onSubmit((values) => {
    const input = parseCustomerForm(values);
    if (!input) return;
    setFailure(null);
    setPending(true);
    submit(input)
      .catch((err: unknown) => {
        if (!applyListFieldErrors(form, customerFormFields, err)) setFailure(err);
      })
      .finally(() => setPending(false));
  });
  const tier = form.values.slaTier as SlaTier | null;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <TextInput
            label="Customer name"
            description="The account, e.g. Acme Bank"
            required
            data-autofocus
            {...form.getInputProps("name")}
          />
          <TextInput
            label="Contact name"
            description="Optional: who to call about this account"
            {...form.getInputProps("contactName")}
          />
          <TextInput
            label="Contact e-mail"
            description="Optional"
            type="email"
            autoComplete="off"
            {...form.getInputProps("contactEmail")}
          />
          <Select
            label="Support tier"
            description="Channels and escalation level"
            data={supportTierOptions}
            allowDeselect={false}
            {...form.getInputProps("supportTier")}
          />
          <Select
            label="SLA tier"
            description={tier ? slaSummary(slaTargets[tier]) : "Availability and response targets"}
            data={slaTierOptions}
            allowDeselect={false}
            renderOption={({ option }) => <SlaOption tier={option.value as SlaTier} />}
            {...form.getInputProps("slaTier")}
          />
          {initial && (
            <Select
              label="Status"
              data={customerStatusOptions}
              allowDeselect={false}
              {...form.getInputProps("status")}
            />
          )}
        </SimpleGrid>
        <MultiSelect
          label="Allowed regions"
          description="Regions whose nodes may serve this customer"
          data={regionOptions}
          clearable
          {...form.getInputProps("allowedRegions")}
        />
        <MultiSelect
          label="Data residency"
          description="Countries whose nodes may serve this customer; leave empty for no constraint"
          placeholder={form.values.dataResidency.length === 0 ? "No constraint" : undefined}
          data={countries}
          searchable
          clearable
          nothingFoundMessage="No country matches"
          {...form.getInputProps("dataResidency")}
        />
        <Textarea
          label="Notes"
          description="Optional: escalation contacts, expected model ids, pilot scope"
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps("notes")}
        />
        {failure !== null && <ProblemAlert error={failure} title={failureTitle} />}
        <Group gap="sm" justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
