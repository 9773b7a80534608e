import { type CreateNodeInput, findAccelerator } from "@edgeplane/contracts";
import {
  Autocomplete,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import type { FleetNode, Site } from "../../api/fleet-types.ts";
import { applyFieldErrors } from "../../components/field-errors.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import {
  acceleratorNames,
  type NodeFormValues,
  nodeFormFields,
  nodeFormValues,
  parseNodeForm,
  powerSuggestion,
  validateNodeForm,
} from "../../lib/node-form.ts";
import { formatW } from "../../lib/units.ts";

interface Props {
  sites: Site[];
  initial?: FleetNode;
  presetSiteId?: string | null;
  submitLabel: string;
  failureTitle: string;
  /** Editing shows the labels too. */
  withLabels?: boolean;
  submit: (input: CreateNodeInput) => Promise<unknown>;
  onCancel?: () => void;
}

/** Retired sites take no nodes; a node already on one may stay there. */
function siteOptions(sites: Site[], keep?: string) {
  return sites
    .filter((s) => s.status !== "retired" || s.id === keep)
    .map((s) => ({ value: s.id, label: `${s.name} · ${s.city}, ${s.countryName}` }));
}

function AcceleratorOption({ name }: { name: string }) {
  const a = findAccelerator(name);
  return (
    <Stack gap={0}>
      <Text size="sm">{name}</Text>
      {a && (
        <Text size="xs" c="dimmed">
          {formatW(a.boardPowerW)} board power · {a.memoryGb} GB {a.memoryType}
        </Text>
      )}
    </Stack>
  );
}

/** A node's fields; picking a catalogue accelerator fills an estimated power draw. */
export function NodeForm(props: Props) {
  const { sites, initial, presetSiteId, submitLabel, failureTitle, withLabels, submit } = props;
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const form = useForm<NodeFormValues>({
    initialValues: nodeFormValues(initial, presetSiteId),
    validate: validateNodeForm,
  });
  const { values } = form;
  const suggestion = powerSuggestion(values.acceleratorType, values.gpuCount);
  // The draw follows the suggestion until someone types their own number.
  const [autoPower, setAutoPower] = useState(
    () => !initial || initial.powerDrawW === suggestion?.watts,
  );
  const follow = (acceleratorType: string, gpuCount: number | string) => {
    if (!autoPower) return;
    form.setFieldValue("powerDrawW", powerSuggestion(acceleratorType, gpuCount)?.watts ?? "");
  };

  const onSubmit = form.onSubmit((v) => {
    const input = parseNodeForm(v);
    if (!input) return;
    setFailure(null);
    setPending(true);
    submit(input)
      .catch((err: unknown) => {
        if (!applyFieldErrors(form, nodeFormFields, err)) setFailure(err);
      })
      .finally(() => setPending(false));
  });

  const powerNote =
    suggestion && values.powerDrawW === suggestion.watts
      ? suggestion.note
      : suggestion
        ? `Suggested for ${values.gpuCount} × ${values.acceleratorType}: ${formatW(suggestion.watts)}`
        : "The node's total draw at the wall; required for an accelerator outside the catalogue";

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <Select
            label="Site"
            description="Where the node is installed"
            placeholder="Choose a site"
            required
            searchable
            data={siteOptions(sites, initial?.siteId)}
            nothingFoundMessage="No site matches"
            allowDeselect={false}
            {...form.getInputProps("siteId")}
          />
          <TextInput
            label="Node name"
            description="e.g. gpu-node-01"
            required
            data-autofocus
            {...form.getInputProps("name")}
          />
          <TextInput
            label="External ID"
            description="Your asset tag or hostname; unique in the organization"
            required
            {...form.getInputProps("externalId")}
          />
          <Autocomplete
            label="Accelerator type"
            description="Pick from the catalogue or type another model"
            placeholder="e.g. NVIDIA L40S"
            required
            data={acceleratorNames}
            renderOption={({ option }) => <AcceleratorOption name={option.value} />}
            {...form.getInputProps("acceleratorType")}
            onChange={(value) => {
              form.setFieldValue("acceleratorType", value);
              follow(value, values.gpuCount);
            }}
          />
          <NumberInput
            label="GPU count"
            required
            min={1}
            max={64}
            allowDecimal={false}
            {...form.getInputProps("gpuCount")}
            onChange={(value) => {
              form.setFieldValue("gpuCount", value);
              follow(values.acceleratorType, value);
            }}
          />
          <NumberInput
            label="Power draw (W)"
            description={powerNote}
            inputWrapperOrder={["label", "input", "description", "error"]}
            min={1}
            allowDecimal={false}
            thousandSeparator=","
            {...form.getInputProps("powerDrawW")}
            onChange={(value) => {
              form.setFieldValue("powerDrawW", value);
              setAutoPower(value === "" || value === suggestion?.watts);
            }}
          />
          <NumberInput
            label="Latency estimate (ms)"
            description="Round trip from your users to this site, optional"
            placeholder="e.g. 18"
            min={0}
            decimalScale={1}
            {...form.getInputProps("latencyEstimateMs")}
          />
          {withLabels && (
            <TagsInput
              label="Labels"
              description="key=value, press Enter after each (e.g. rack=A3)"
              placeholder="rack=A3"
              clearable
              {...form.getInputProps("labels")}
            />
          )}
        </SimpleGrid>
        {failure !== null && <ProblemAlert error={failure} title={failureTitle} />}
        <Group gap="sm">
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel} disabled={pending}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
