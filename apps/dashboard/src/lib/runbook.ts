/** The runbook's steps (the product specification), as the navigation and checklists use them. */
export interface RunbookStep {
  number: string;
  title: string;
  owner: string;
  summary: string;
  evidence: string;
  /** Where the step starts in the dashboard. */
  path: string;
}

export const runbookSteps = [
  {
    number: "01",
    title: "Sign in",
    owner: "Owner or operator",
    summary: "You enter the platform with a valid Supabase session.",
    evidence: "Header shows your email and Sign out.",
    path: "/login",
  },
  {
    number: "02",
    title: "Create the organization",
    owner: "Account owner",
    summary: "A tenant is created for your team, customer, or pilot network.",
    evidence: "Organization appears in the switcher and onboarding proceeds to site setup.",
    path: "/onboarding",
  },
  {
    number: "03",
    title: "Add the first site",
    owner: "Operations lead",
    summary: "A physical or commercial host location is registered.",
    evidence: "Site is available for node registration.",
    path: "/onboarding/site",
  },
  {
    number: "04",
    title: "Register the first node",
    owner: "Operator + infrastructure engineer",
    summary: "A GPU or inference node exists in the registry with a secure telemetry key.",
    evidence: "Node appears under /nodes and the key prefix appears under /nodes/keys.",
    path: "/onboarding/node",
  },
  {
    number: "05",
    title: "Monitor daily operations",
    owner: "Operator",
    summary: "The team can understand health, incidents, usage, and readiness from dashboards.",
    evidence:
      "Operators can identify online nodes, degraded nodes, critical incidents, and usage trends.",
    path: "/operator",
  },
  {
    number: "06",
    title: "Run customer and partner workflows",
    owner: "Customer-success lead",
    summary: "Pilot customers, site owners, and partners have clear workflows.",
    evidence: "Each customer or partner has owner, milestone, risk, and next action.",
    path: "/pilot-room",
  },
  {
    number: "07",
    title: "Prepare customer API access",
    owner: "Admin + customer engineer",
    summary: "A customer can test the OpenAI-compatible gateway safely.",
    evidence: "Customer can run a model-list request and understands limits and support process.",
    path: "/gateway",
  },
  {
    number: "08",
    title: "Complete go-live acceptance",
    owner: "Launch owner",
    summary: "A pilot can move from demo to controlled production readiness.",
    evidence:
      "All critical gates have an owner, status, due date, and evidence link before launch.",
    path: "/go-live",
  },
] as const satisfies readonly RunbookStep[];

export type StepNumber = (typeof runbookSteps)[number]["number"];

export function runbookStep(number: StepNumber): RunbookStep {
  const step = runbookSteps.find((s) => s.number === number);
  if (!step) throw new Error(`No runbook step ${number}`);
  return step;
}
