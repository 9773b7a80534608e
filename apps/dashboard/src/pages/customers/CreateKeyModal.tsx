import { countryName, regionLabels } from "@edgeplane/contracts";
import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMemo, useState } from "react";
import {
  type Customer,
  type IssuedCustomerKey,
  useCreateCustomerKey,
  useModelOptions,
} from "../../api/customers.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { countryOptions } from "../../lib/site-form.ts";
import { expiryOptions } from "../node-keys/expiry.ts";
import { applyListFieldErrors } from "./form-errors.ts";
import { KeySecretModal } from "./KeySecret.tsx";
import {
  type KeyFormValues,
  keyFormFields,
  keyFormValues,
  parseKeyForm,
  validateKeyForm,
} from "./key-form.ts";

interface Props {
  orgId: string;
  customer: Customer;
  onClose: () => void;
}

/** A key's allow-list, limits, budget, placement and lifetime; then its secret, once. */
export function CreateKeyModal({ orgId, customer, onClose }: Props) {
  const create = useCreateCustomerKey(orgId, customer.id);
  const catalogue = useModelOptions(orgId);
  const allCountries = useMemo(() => countryOptions(), []);
  const [issued, setIssued] = useState<IssuedCustomerKey | null>(null);
  const form = useForm<KeyFormValues>({
    initialValues: keyFormValues(),
    validate: validateKeyForm,
  });
  const onSubmit = form.onSubmit((values) => {
    const input = parseKeyForm(values);
    if (!input) return;
    create.mutate(input, {
      onSuccess: setIssued,
      onError: (err) => {
        if (applyListFieldErrors(form, keyFormFields, err)) create.reset();
      },
    });
  });
  const models = (catalogue.data?.items ?? []).map((m) => ({
    value: m.publicId,
    label: `${m.publicId} (${m.kind})`,
  }));
  const noModels = catalogue.isSuccess && models.length === 0;
  // A multi-select shows its placeholder beside chosen values too: only say it while empty.
  const emptyHint = (field: "models" | "regions" | "dataResidency", hint: string) =>
    form.values[field].length === 0 ? hint : undefined;
  const regionData = customer.allowedRegions.map((r) => ({ value: r, label: regionLabels[r] }));
  const residency = customer.dataResidency;
  const countryData = residency
    ? residency.map((c) => ({ value: c, label: countryName(c) }))
    : allCountries;

  const keyForm = (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <TextInput
            label="Key name"
            description="Optional, e.g. production or staging"
            maxLength={80}
            data-autofocus
            {...form.getInputProps("name")}
          />
          <Select
            label="Expires"
            data={expiryOptions}
            allowDeselect={false}
            {...form.getInputProps("expiresAt")}
          />
        </SimpleGrid>
        <MultiSelect
          label="Model allow-list"
          description={
            noModels
              ? "The catalogue has no models yet: the key may call every model added later"
              : "Leave empty to allow every model of the catalogue, including ones added later"
          }
          placeholder={emptyHint("models", "Every model of the catalogue")}
          data={models}
          searchable
          clearable
          disabled={noModels}
          nothingFoundMessage="No model matches"
          {...form.getInputProps("models")}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="sm">
          <NumberInput
            label="Requests per minute"
            description="Empty: no limit"
            placeholder="No limit"
            min={1}
            allowDecimal={false}
            thousandSeparator=","
            {...form.getInputProps("rpmLimit")}
          />
          <NumberInput
            label="Tokens per minute"
            description="Empty: no limit"
            placeholder="No limit"
            min={1}
            allowDecimal={false}
            thousandSeparator=","
            {...form.getInputProps("tpmLimit")}
          />
          <NumberInput
            label="Monthly token budget"
            description="Input + output, per UTC month"
            placeholder="No budget"
            min={1}
            allowDecimal={false}
            thousandSeparator=","
            {...form.getInputProps("monthlyTokenBudget")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <MultiSelect
            label="Regions"
            description="Narrows the customer's regions for this key"
            placeholder={emptyHint("regions", "All of the customer's regions")}
            data={regionData}
            clearable
            {...form.getInputProps("regions")}
          />
          <MultiSelect
            label="Data residency"
            description={
              residency
                ? "Narrows the customer's residency for this key"
                : "Optional: countries whose nodes may serve this key"
            }
            placeholder={emptyHint(
              "dataResidency",
              residency ? "The customer's countries" : "No constraint",
            )}
            data={countryData}
            searchable
            clearable
            nothingFoundMessage="No country matches"
            {...form.getInputProps("dataResidency")}
          />
        </SimpleGrid>
        {create.isError && <ProblemAlert error={create.error} title="Could not create the key" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Issue key
          </Button>
        </Group>
      </Stack>
    </form>
  );

  return (
    <KeySecretModal
      orgId={orgId}
      title={`Create key for ${customer.name}`}
      form={keyForm}
      issued={issued}
      onClose={onClose}
    />
  );
}
