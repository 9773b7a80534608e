import { inviteInput, type Role } from "@edgeplane/contracts";
import { Button, Group, Select, Text, TextInput } from "@mantine/core";
import { schemaResolver, useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useInvite } from "../../api/members.ts";
import { applyFieldErrors } from "../../components/field-errors.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { roleOptions } from "./role-options.ts";

interface Values {
  email: string;
  role: string;
}

/** Invites by e-mail; the person joins with the role the next time they sign in. */
export function InviteForm({ orgId, myRole }: { orgId: string; myRole: Role }) {
  const invite = useInvite(orgId);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: { email: "", role: "viewer" },
    validate: schemaResolver(inviteInput, { sync: true }),
  });
  const submit = form.onSubmit((values) => {
    const parsed = inviteInput.safeParse(values);
    if (!parsed.success) return;
    setFailure(null);
    invite.mutate(parsed.data, {
      onSuccess: (inv) => {
        form.reset();
        notifications.show({
          color: "teal",
          message: `Invited ${inv.email}. They join when they next sign in.`,
        });
      },
      onError: (err) => {
        if (!applyFieldErrors(form, ["email", "role"], err)) setFailure(err);
      },
    });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label="Email"
          type="email"
          placeholder="colleague@company.com"
          autoComplete="off"
          w={{ base: "100%", sm: 300 }}
          key={form.key("email")}
          {...form.getInputProps("email")}
        />
        <Select
          label="Role"
          data={roleOptions(myRole)}
          allowDeselect={false}
          w={{ base: "100%", sm: 220 }}
          key={form.key("role")}
          {...form.getInputProps("role")}
        />
        <Button type="submit" loading={invite.isPending} mt={{ base: 0, sm: 25 }}>
          Send invitation
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        No e-mail is sent: tell them to sign in at this address with this e-mail, and they join with
        the role chosen here.
      </Text>
      {failure !== null && (
        <ProblemAlert
          error={failure}
          title="Could not send the invitation"
          onClose={() => setFailure(null)}
        />
      )}
    </form>
  );
}
