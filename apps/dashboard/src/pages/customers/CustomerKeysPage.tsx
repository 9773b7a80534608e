import { can, customerStatuses, slaTiers } from "@edgeplane/contracts";
import { Anchor, Button, Group, Modal, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconUserShield } from "@tabler/icons-react";
import { Link, useSearchParams } from "react-router";
import { useCreateCustomer, useCustomers } from "../../api/customers.ts";
import { ClearFilters, FilterSelect } from "../../components/FilterControls.tsx";
import { oneOf, useFilterParams } from "../../components/filter-params.ts";
import { ListEmpty } from "../../components/ListEmpty.tsx";
import { PagedList } from "../../components/PagedList.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { SearchInput } from "../../components/SearchInput.tsx";
import { useOrg } from "../../org/use-org.ts";
import { allNavItems } from "../../shell/nav.ts";
import { slaTierOptions } from "./access-words.ts";
import { CustomerCard } from "./CustomerCard.tsx";
import { CustomerForm } from "./CustomerForm.tsx";
import { customerStatusLabels } from "./customer-form.ts";

const purpose = allNavItems.find((i) => i.href === "/customers/keys")?.purpose ?? "";
const filterKeys = ["q", "sla", "status"] as const;
/** `?new=customer` opens the form, so the empty state's link and a shared URL can start there. */
const newParam = "new";
const statusFilterOptions = customerStatuses.map((value) => ({
  value,
  label: customerStatusLabels[value],
}));

/** Customers with their SLA, regions and residency, and their gateway API keys. */
export function CustomerKeysPage() {
  const { org, role } = useOrg();
  const manage = can(role, "customers.write");
  const filters = useFilterParams(filterKeys);
  const { q, sla, status } = filters.values;
  const [params, setParams] = useSearchParams();
  const creating = manage && params.get(newParam) === "customer";
  const setCreating = (on: boolean) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (on) next.set(newParam, "customer");
        else next.delete(newParam);
        return next;
      },
      { replace: true },
    );
  const customers = useCustomers(org.id, {
    q: q ?? undefined,
    slaTier: oneOf(slaTiers, sla),
    status: oneOf(customerStatuses, status),
  });
  const create = useCreateCustomer(org.id);

  const action = manage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      New customer
    </Button>
  ) : undefined;

  const body = (
    <PagedList
      query={customers}
      filtersActive={filters.active}
      errorTitle="Could not load the customers"
      empty={
        <ListEmpty
          icon={<IconUserShield size={28} />}
          title="No customers yet"
          description={
            manage
              ? "Add a customer with its SLA tier, allowed regions and data residency, then create an API key with its model allow-list, rate limits and monthly budget."
              : "Customers and their API keys appear here once an owner, admin or customer engineer adds them."
          }
          action={
            manage
              ? { to: `/customers/keys?${newParam}=customer`, label: "Add your first customer" }
              : undefined
          }
        />
      }
      noun={["customer", "customers"]}
    >
      {(rows) =>
        rows.length === 0 ? (
          <Paper withBorder p="xl">
            <Text size="sm" c="dimmed" ta="center">
              No customers match these filters
            </Text>
          </Paper>
        ) : (
          <Stack gap="lg">
            {rows.map((c) => (
              <CustomerCard key={c.id} orgId={org.id} customer={c} manage={manage} />
            ))}
          </Stack>
        )
      }
    </PagedList>
  );

  return (
    <>
      <PageHeader title="Customer keys" purpose={purpose} action={action} />
      <Text size="sm" c="dimmed" mb="md" maw={820}>
        A customer's SLA tier, regions and data residency apply to all its keys; each key adds a
        model allow-list, rate limits, a monthly token budget and an expiry, and may narrow the
        placement. Keys call the{" "}
        <Anchor component={Link} to="/gateway" size="sm">
          OpenAI-compatible gateway
        </Anchor>
        .
      </Text>
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <SearchInput
          label="Search customers"
          placeholder="Search name or contact"
          value={q}
          onChange={(v) => filters.set("q", v)}
        />
        <FilterSelect
          label="SLA tier"
          placeholder="Any SLA tier"
          data={slaTierOptions}
          width={170}
          value={oneOf(slaTiers, sla)}
          onChange={(v) => filters.set("sla", v)}
        />
        <FilterSelect
          label="Status"
          placeholder="Any status"
          data={statusFilterOptions}
          width={160}
          value={oneOf(customerStatuses, status)}
          onChange={(v) => filters.set("status", v)}
        />
        <ClearFilters filters={filters} />
      </Group>
      {body}
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title="New customer"
        size="xl"
        centered
      >
        <CustomerForm
          submitLabel="Add customer"
          failureTitle="Could not add the customer"
          submit={(input) =>
            create.mutateAsync(input).then((c) => {
              setCreating(false);
              notifications.show({ color: "teal", message: `Customer ${c.name} added.` });
            })
          }
          onCancel={() => setCreating(false)}
        />
      </Modal>
    </>
  );
}
