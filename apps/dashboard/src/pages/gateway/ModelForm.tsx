import type { CreateModelInput } from "@edgeplane/contracts";
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import type { CatalogueModel } from "../../api/models.ts";
import { applyFieldErrors } from "../../components/field-errors.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import {
  type ModelFormValues,
  modelFormFields,
  modelFormValues,
  modelKindOptions,
  modelStatusOptions,
  parseModelForm,
  validateModelForm,
} from "./model-form.ts";

interface Props {
  initial?: CatalogueModel;
  submitLabel: string;
  failureTitle: string;
  submit: (input: CreateModelInput) => Promise<unknown>;
  onCancel: () => void;
}

/** A catalogue entry's fields, validated with the contracts' schema; server errors land here. */
export function ModelForm({ initial, submitLabel, failureTitle, submit, onCancel }: Props) {
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const form = useForm<ModelFormValues>({
    initialValues: modelFormValues(initial),
    validate: validateModelForm,
  });
  const onSubmit = form.onSubmit((values) => {
    const input = parseModelForm(values);
    if (!input) return;
    setFailure(null);
    setPending(true);
    submit(input)
      .catch((err: unknown) => {
        if (!applyFieldErrors(form, modelFormFields, err)) setFailure(err);
      })
      .finally(() => setPending(false));
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <TextInput
            label="Public model ID"
            description="What customers send as `model`, e.g. llama-3.1-8b"
            required
            data-autofocus
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps("publicId")}
          />
          <TextInput
            label="Upstream name"
            description="The name the nodes' inference servers list in /v1/models"
            placeholder="meta-llama/Llama-3.1-8B-Instruct"
            required
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps("upstreamName")}
          />
          <Select
            label="Kind"
            description="Chat models answer /chat/completions, embedding models /embeddings"
            required
            data={modelKindOptions}
            allowDeselect={false}
            {...form.getInputProps("kind")}
          />
          <NumberInput
            label="Context length (tokens)"
            description="Prompt plus completion, as the upstream serves it"
            placeholder="131072"
            required
            min={1}
            allowDecimal={false}
            thousandSeparator=","
            {...form.getInputProps("contextLength")}
          />
          <NumberInput
            label="Input price (USD per 1M tokens)"
            description="What a customer pays per 1M prompt tokens"
            placeholder="0.05"
            required
            min={0}
            decimalScale={4}
            prefix="$"
            {...form.getInputProps("inputPricePerMTok")}
          />
          <NumberInput
            label="Output price (USD per 1M tokens)"
            description="Per 1M completion tokens; embeddings usually 0"
            placeholder="0.08"
            required
            min={0}
            decimalScale={4}
            prefix="$"
            {...form.getInputProps("outputPricePerMTok")}
          />
          {initial && (
            <Select
              label="Status"
              description="Disabled: customers get 404 and /models no longer lists it"
              data={modelStatusOptions}
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
          <Button variant="default" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
