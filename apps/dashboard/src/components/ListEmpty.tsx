import { Button, EmptyState, Paper } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";

interface Props {
  icon: ReactNode;
  title: string;
  description: string;
  /** The next step: where to go and what the button says. */
  action?: { to: string; label: string };
}

/** An empty list that names the next step. */
export function ListEmpty({ icon, title, description, action }: Props) {
  return (
    <Paper withBorder p="xl">
      <EmptyState icon={icon} withIndicatorBackground title={title} description={description}>
        {action && (
          <Button component={Link} to={action.to} mt="sm">
            {action.label}
          </Button>
        )}
      </EmptyState>
    </Paper>
  );
}
