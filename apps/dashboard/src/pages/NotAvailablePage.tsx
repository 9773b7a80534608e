import { Anchor, EmptyState, Paper, Text } from "@mantine/core";
import { IconHourglassEmpty } from "@tabler/icons-react";
import { Link } from "react-router";
import { PageHeader } from "../components/PageHeader.tsx";
import { runbookStep } from "../lib/runbook.ts";
import type { NavItem } from "../shell/nav.ts";

/** An honest placeholder: which runbook step brings the page, and nothing made up. */
export function NotAvailablePage({ item }: { item: NavItem }) {
  const step = runbookStep(item.step);
  return (
    <>
      <PageHeader title={item.label} purpose={item.purpose} />
      <Paper withBorder p="xl">
        <EmptyState
          icon={<IconHourglassEmpty size={28} />}
          withIndicatorBackground
          title="This page is not available yet"
          description={`It arrives with runbook step ${step.number}, "${step.title}" (owner: ${step.owner}). Until then this page shows nothing rather than made-up data.`}
        >
          <Text size="sm" mt="sm">
            <Anchor component={Link} to="/">
              See where your organization stands in Getting started
            </Anchor>
          </Text>
        </EmptyState>
      </Paper>
    </>
  );
}
