import { modelKinds, modelStatuses } from "@edgeplane/contracts";
import { Group, Modal, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBox } from "@tabler/icons-react";
import { useSearchParams } from "react-router";
import { useCreateModel, useModels } from "../../api/models.ts";
import { ClearFilters, FilterSelect } from "../../components/FilterControls.tsx";
import { oneOf, useFilterParams } from "../../components/filter-params.ts";
import { ListEmpty } from "../../components/ListEmpty.tsx";
import { PagedList } from "../../components/PagedList.tsx";
import { SearchInput } from "../../components/SearchInput.tsx";
import { UpdatedAgo } from "../../components/UpdatedAgo.tsx";
import { ModelForm } from "./ModelForm.tsx";
import { ModelsTable } from "./ModelsTable.tsx";
import { modelKindOptions, modelStatusOptions } from "./model-form.ts";
import { catalogueEditors } from "./model-words.ts";

const filterKeys = ["q", "kind", "status"] as const;

/** `?new=model` opens the add form, so the header and the empty state can both link to it. */
export const addModelHref = "/gateway?new=model";

export function useAddModelParam() {
  const [params, setParams] = useSearchParams();
  const close = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete("new");
        return next;
      },
      { replace: true },
    );
  return { open: params.get("new") === "model", close };
}

/** The org's model catalogue with live availability per region; writers add, edit, delete. */
export function ModelCatalogue({ orgId, manage }: { orgId: string; manage: boolean }) {
  const filters = useFilterParams(filterKeys);
  const { q, kind, status } = filters.values;
  const models = useModels(orgId, {
    q: q ?? undefined,
    kind: oneOf(modelKinds, kind),
    status: oneOf(modelStatuses, status),
  });
  const add = useAddModelParam();
  const create = useCreateModel(orgId);

  return (
    <Stack gap="sm" component="section" aria-labelledby="catalogue-title">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Title order={2} fz="h3" id="catalogue-title">
            Model catalogue
          </Title>
          <Text size="sm" c="dimmed">
            The model IDs customers send, what nodes call them, prices, and where a connected node
            serves each one right now.
          </Text>
        </Stack>
        <UpdatedAgo updatedAt={models.dataUpdatedAt} failed={models.isRefetchError} />
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SearchInput
          label="Search models"
          placeholder="Search ID or upstream name"
          value={q}
          onChange={(v) => filters.set("q", v)}
        />
        <FilterSelect
          label="Kind"
          placeholder="Any kind"
          data={modelKindOptions}
          width={150}
          value={oneOf(modelKinds, kind)}
          onChange={(v) => filters.set("kind", v)}
        />
        <FilterSelect
          label="Status"
          placeholder="Any status"
          data={modelStatusOptions}
          width={150}
          value={oneOf(modelStatuses, status)}
          onChange={(v) => filters.set("status", v)}
        />
        <ClearFilters filters={filters} />
      </Group>
      <PagedList
        query={models}
        filtersActive={filters.active}
        errorTitle="Could not load the model catalogue"
        noun={["model", "models"]}
        empty={
          <ListEmpty
            icon={<IconBox size={28} />}
            title="No models in the catalogue yet"
            description={
              manage
                ? "Add the first model: the ID customers will send, the name your nodes' inference servers use, and its prices. Until then /api/v1/models answers an empty list."
                : `Until a model is added, /api/v1/models answers an empty list. Ask an ${catalogueEditors().toLowerCase()} to add one.`
            }
            action={manage ? { to: addModelHref, label: "Add your first model" } : undefined}
          />
        }
      >
        {(rows) => (
          <ModelsTable
            orgId={orgId}
            models={rows}
            manage={manage}
            fetching={models.isFetching && !models.isFetchingNextPage && models.isPlaceholderData}
            noRecordsText="No models match these filters"
          />
        )}
      </PagedList>
      <Modal
        opened={manage && add.open}
        onClose={() => {
          add.close();
          create.reset();
        }}
        title="Add a model to the catalogue"
        size="xl"
        centered
      >
        <ModelForm
          submitLabel="Add model"
          failureTitle="Could not add the model"
          onCancel={add.close}
          submit={(input) =>
            create.mutateAsync(input).then(() => {
              add.close();
              notifications.show({
                color: "teal",
                message: `Model ${input.publicId} added.`,
              });
            })
          }
        />
      </Modal>
    </Stack>
  );
}
