import { Progress, Stack, Text } from "@mantine/core";
import { type CustomerKey, useKeyTokensSince } from "../../api/customers.ts";
import { budgetUse, monthStartDay, tokensText } from "./access-words.ts";

/** A key's monthly budget and, while it is active, how much of it this UTC month has used. */
export function BudgetCell({ orgId, customerKey }: { orgId: string; customerKey: CustomerKey }) {
  const budget = customerKey.monthlyTokenBudget;
  if (budget === null) {
    return (
      <Text size="sm" c="dimmed" span>
        No budget
      </Text>
    );
  }
  if (customerKey.state !== "active") return <Text size="sm">{tokensText(budget)} / month</Text>;
  return <BudgetUse orgId={orgId} keyId={customerKey.id} budget={budget} />;
}

function BudgetUse({ orgId, keyId, budget }: { orgId: string; keyId: string; budget: number }) {
  const used = useKeyTokensSince(orgId, keyId, monthStartDay());
  if (!used.isSuccess) {
    return (
      <Text size="sm">
        {tokensText(budget)} / month
        {used.isError && (
          <Text size="xs" c="dimmed" span>
            {" "}
            (usage unavailable)
          </Text>
        )}
      </Text>
    );
  }
  const use = budgetUse(used.data, budget);
  return (
    <Stack gap={4} miw={150}>
      <Text size="sm">{use.text}</Text>
      <Progress
        value={use.pct}
        color={use.color}
        size="sm"
        aria-label={`Monthly budget: ${use.share}`}
      />
      <Text size="xs" c={use.color === "teal" ? "dimmed" : use.color}>
        {use.share} this month
      </Text>
    </Stack>
  );
}
