import { Anchor, EmptyState, Paper } from "@mantine/core";
import { IconMapSearch } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { PageHeader } from "../components/PageHeader.tsx";

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title="Page not found" purpose={`There is no page at ${pathname}.`} />
      <Paper withBorder p="xl">
        <EmptyState
          icon={<IconMapSearch size={28} />}
          withIndicatorBackground
          title="Nothing here"
          description="Check the address, or pick a page from the navigation."
        >
          <Anchor component={Link} to="/" size="sm" mt="sm">
            Go to Getting started
          </Anchor>
        </EmptyState>
      </Paper>
    </>
  );
}
