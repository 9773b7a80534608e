import { supportTierLabels } from "@edgeplane/contracts";
import {
  Anchor,
  Badge,
  Box,
  Button,
  DataList,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconKey, IconPencil } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { type Customer, useUpdateCustomer } from "../../api/customers.ts";
import { availabilityText, regionsText, residencyText, responseTargets } from "./access-words.ts";
import { CreateKeyModal } from "./CreateKeyModal.tsx";
import { CustomerForm } from "./CustomerForm.tsx";
import { CustomerKeysTable } from "./CustomerKeysTable.tsx";

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <DataList labelWidth={120} gap="xs">
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

function Contact({ customer }: { customer: Customer }) {
  const { contactName, contactEmail } = customer;
  if (!contactName && !contactEmail) {
    return (
      <Text size="sm" c="dimmed" span>
        none
      </Text>
    );
  }
  return (
    <Text size="sm" span>
      {contactName}
      {contactName && contactEmail && " · "}
      {contactEmail && (
        <Anchor href={`mailto:${contactEmail}`} size="sm">
          {contactEmail}
        </Anchor>
      )}
    </Text>
  );
}

function Sla({ customer }: { customer: Customer }) {
  const { sla } = customer;
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {sla.label}
      </Text>
      <Text size="sm">{availabilityText(sla)} target</Text>
      <Text size="xs" c="dimmed">
        {sla.coverage}
      </Text>
    </Stack>
  );
}

function Response({ customer }: { customer: Customer }) {
  return (
    <Stack gap={0}>
      {responseTargets(customer.sla).map((t) => (
        <Text size="sm" key={t.severity}>
          {t.severity}: {t.time}
        </Text>
      ))}
    </Stack>
  );
}

function Notes({ text }: { text: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
      {text}
    </Text>
  );
}

/** One customer's access model, its actions and its keys. */
export function CustomerCard({
  orgId,
  customer: c,
  manage,
}: {
  orgId: string;
  customer: Customer;
  manage: boolean;
}) {
  const [open, setOpen] = useState<"edit" | "key" | null>(null);
  const update = useUpdateCustomer(orgId, c.id);
  const close = () => {
    setOpen(null);
    update.reset();
  };
  const headingId = `customer-${c.id}`;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="md" gap="sm">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} fz="lg" id={headingId}>
              {c.name}
            </Title>
            {c.status === "suspended" && (
              <Badge color="orange" variant="light" radius="sm">
                Suspended
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {c.activeKeys} active {c.activeKeys === 1 ? "key" : "keys"}
          </Text>
        </Stack>
        {manage && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => setOpen("edit")}
            >
              Edit
            </Button>
            <Button leftSection={<IconKey size={16} />} onClick={() => setOpen("key")}>
              Create key
            </Button>
          </Group>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg" mb="md">
        <Facts
          rows={[
            ["Contact", <Contact key="c" customer={c} />],
            ["Support tier", supportTierLabels[c.supportTier]],
          ]}
        />
        <Facts
          rows={[
            ["SLA tier", <Sla key="s" customer={c} />],
            ["First response", <Response key="r" customer={c} />],
          ]}
        />
        <Facts
          rows={[
            ["Allowed regions", regionsText(c.allowedRegions)],
            ["Data residency", residencyText(c.dataResidency)],
            ...(c.notes
              ? ([["Notes", <Notes key="n" text={c.notes} />]] as [string, ReactNode][])
              : []),
          ]}
        />
      </SimpleGrid>
      <Box>
        <CustomerKeysTable orgId={orgId} customerId={c.id} customerName={c.name} manage={manage} />
      </Box>
      <Modal opened={open === "edit"} onClose={close} title={`Edit ${c.name}`} size="xl" centered>
        <CustomerForm
          initial={c}
          submitLabel="Save changes"
          failureTitle="Could not save the customer"
          submit={(input) =>
            update.mutateAsync(input).then(() => {
              close();
              notifications.show({ color: "teal", message: `Customer ${input.name} saved.` });
            })
          }
          onCancel={close}
        />
      </Modal>
      {open === "key" && <CreateKeyModal orgId={orgId} customer={c} onClose={close} />}
    </Paper>
  );
}
