import { createOrgInput, useCaseLabels, useCases } from "@edgeplane/contracts";
import { schemaResolver } from "@mantine/form";

export const useCaseOptions = useCases.map((value) => ({ value, label: useCaseLabels[value] }));

export interface OrgFormValues {
  name: string;
  useCase: string | null;
}

const resolve = schemaResolver(createOrgInput, { sync: true });

/** The server's zod schema, plus a plain sentence for the empty select. */
export function validateOrgForm(values: OrgFormValues) {
  const errors = resolve(values);
  if (!values.useCase) errors.useCase = "Choose the intended use case";
  return errors;
}
