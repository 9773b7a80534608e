import {
  type ConnectivityTier,
  type CreateSiteInput,
  connectivityTierDescriptions,
  regionForCountry,
} from "@edgeplane/contracts";
import {
  Button,
  type ComboboxItem,
  Group,
  NumberInput,
  type OptionsFilter,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMemo, useState } from "react";
import type { Site } from "../../api/fleet-types.ts";
import { applyFieldErrors } from "../../components/field-errors.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import {
  countryOptions,
  parseSiteForm,
  regionOptions,
  type SiteFormValues,
  siteFormFields,
  siteFormValues,
  siteStatusOptions,
  siteTypeOptions,
  tierLabel,
  tierOptions,
  validateSiteForm,
} from "../../lib/site-form.ts";

interface Props {
  initial?: Site;
  submitLabel: string;
  /** What the failure alert says was attempted, e.g. "Could not add the site". */
  failureTitle: string;
  /** Editing an existing site also sets its status. */
  withStatus?: boolean;
  submit: (input: CreateSiteInput) => Promise<unknown>;
  onCancel?: () => void;
}

/** Matches a country by its name or its ISO code ("KE"). */
const countryFilter: OptionsFilter = ({ options, search }) => {
  const q = search.trim().toLowerCase();
  return (options as ComboboxItem[]).filter(
    (o) => o.label.toLowerCase().includes(q) || o.value.toLowerCase() === q,
  );
};

function TierOption({ tier }: { tier: ConnectivityTier }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {tierLabel(tier)}
      </Text>
      <Text size="xs" c="dimmed">
        {connectivityTierDescriptions[tier]}
      </Text>
    </Stack>
  );
}

/** A host site's fields, validated with the contracts' schema; server field errors land here too. */
export function SiteForm({
  initial,
  submitLabel,
  failureTitle,
  withStatus,
  submit,
  onCancel,
}: Props) {
  const countries = useMemo(() => countryOptions(), []);
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const form = useForm<SiteFormValues>({
    initialValues: siteFormValues(initial),
    validate: validateSiteForm,
  });
  const onSubmit = form.onSubmit((values) => {
    const input = parseSiteForm(values);
    if (!input) return;
    setFailure(null);
    setPending(true);
    submit(input)
      .catch((err: unknown) => {
        if (!applyFieldErrors(form, siteFormFields, err)) setFailure(err);
      })
      .finally(() => setPending(false));
  });
  const country = form.getInputProps("country");
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <TextInput
            label="Site name"
            description="How operators will recognise it, e.g. Nairobi West Telecom Room"
            required
            data-autofocus
            {...form.getInputProps("name")}
          />
          <TextInput
            label="City"
            description="Where the site is"
            required
            autoComplete="address-level2"
            {...form.getInputProps("city")}
          />
          <Select
            label="Country"
            description="Sets the default region"
            placeholder="Search by name or ISO code"
            required
            searchable
            data={countries}
            filter={countryFilter}
            nothingFoundMessage="No country matches"
            allowDeselect={false}
            {...country}
            onChange={(value) => {
              form.setFieldValue("country", value);
              if (value) form.setFieldValue("region", regionForCountry(value));
            }}
          />
          <Select
            label="Region"
            description="Set from the country; change it if the site serves another region"
            placeholder="Choose a country first"
            data={regionOptions}
            allowDeselect={false}
            {...form.getInputProps("region")}
          />
          <Select
            label="Site type"
            placeholder="Choose one"
            required
            data={siteTypeOptions}
            allowDeselect={false}
            {...form.getInputProps("siteType")}
          />
          <Select
            label="Connectivity tier"
            placeholder="Choose one"
            required
            data={tierOptions}
            allowDeselect={false}
            renderOption={({ option }) => <TierOption tier={option.value as ConnectivityTier} />}
            {...form.getInputProps("connectivityTier")}
          />
          <NumberInput
            label="Power capacity (kW)"
            description="Power available to compute at this site"
            required
            min={0}
            decimalScale={2}
            thousandSeparator=","
            {...form.getInputProps("powerCapacityKw")}
          />
          <NumberInput
            label="PUE"
            description="Power usage effectiveness, optional (1.0 to 5.0)"
            placeholder="e.g. 1.5"
            min={1}
            max={5}
            step={0.05}
            decimalScale={2}
            {...form.getInputProps("pue")}
          />
          <NumberInput
            label="Energy price per kWh"
            description="Optional; needs a currency"
            placeholder="e.g. 0.14"
            min={0}
            decimalScale={4}
            {...form.getInputProps("energyPricePerKwh")}
          />
          <TextInput
            label="Currency"
            description="ISO 4217 code"
            placeholder="EUR"
            maxLength={3}
            styles={{ input: { textTransform: "uppercase" } }}
            {...form.getInputProps("currency")}
          />
          {withStatus && (
            <Select
              label="Status"
              data={siteStatusOptions}
              allowDeselect={false}
              {...form.getInputProps("status")}
            />
          )}
        </SimpleGrid>
        {failure !== null && <ProblemAlert error={failure} title={failureTitle} />}
        <Group gap="sm">
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
