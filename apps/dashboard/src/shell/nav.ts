import {
  IconActivityHeartbeat,
  IconAlertTriangle,
  IconApi,
  IconBriefcase,
  IconBuilding,
  IconChartBar,
  IconChartLine,
  IconChecklist,
  IconFileText,
  IconFlag,
  IconFlask,
  IconGauge,
  IconHomeDollar,
  IconKey,
  IconLifebuoy,
  IconListCheck,
  IconPresentationAnalytics,
  IconReceipt,
  IconRocket,
  IconScale,
  IconSchool,
  IconServer,
  IconSettings,
  IconShieldExclamation,
  IconTimeline,
  IconUserPlus,
  IconUserShield,
} from "@tabler/icons-react";
import type { StepNumber } from "../lib/runbook.ts";

export interface NavItem {
  label: string;
  href: string;
  /** The one-line purpose shown under the page title. */
  purpose: string;
  /** The runbook step the page belongs to. */
  step: StepNumber;
  icon: typeof IconRocket;
  /** True once the page does its job; the others say honestly that they are not there yet. */
  built: boolean;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

const built = new Set([
  "/",
  "/onboarding",
  "/sites",
  "/nodes",
  "/nodes/keys",
  "/operator",
  "/status",
  "/observability",
  "/incidents",
  "/usage",
  "/gateway",
  "/customers/keys",
  "/settings",
]);

function item(label: string, href: string, step: StepNumber, icon: typeof IconRocket): NavItem {
  return { label, href, step, icon, purpose: purposes[href] ?? "", built: built.has(href) };
}

const purposes: Record<string, string> = {
  "/": "The runbook's eight steps and where this organization stands.",
  "/onboarding": "Create an organization, then add its first site and node.",
  "/sites":
    "Host locations: telecom rooms, universities, banks, hospitals, industrial parks and edge rooms.",
  "/nodes": "GPU and inference nodes in the registry, with their health.",
  "/nodes/keys": "Telemetry keys of your nodes: prefixes, last use and revocation.",
  "/operator": "Online and degraded nodes, critical incidents and usage at a glance.",
  "/status": "System status of each component, with uptime history.",
  "/observability": "GPU telemetry, latency and throughput across the fleet.",
  "/incidents": "Degraded and critical events: acknowledge, assign, escalate, resolve.",
  "/usage": "Requests, tokens and usage trends per customer and model.",
  "/billing-control": "Commercial metrics: spend against quotas and prices.",
  "/pilot-room": "Pilot accounts with owner, milestone, risk and next action.",
  "/partner-onboarding": "Partners being onboarded, step by step.",
  "/partners/pipeline": "Partner progress from first contact to live.",
  "/site-owner": "Host-site economics, explained for site owners.",
  "/training": "Customer enablement: sessions, materials and attendance.",
  "/contracts": "Contract status and readiness evidence.",
  "/legal": "Legal items and their evidence.",
  "/gateway": "The OpenAI-compatible endpoints available to customers.",
  "/customers/keys": "Customer API keys with quota, SLA, region and data residency.",
  "/go-live": "Readiness, security, legal, training and implementation gates.",
  "/acceptance": "Acceptance checks with owner, status, due date and evidence.",
  "/risk-register": "Launch risks: close or assign every high-risk item.",
  "/support": "Escalation owners and the support process.",
  "/executive": "The final stakeholder review of launch readiness.",
  "/board-metrics": "Launch and fleet metrics for the board.",
  "/settings": "The organization, its members and its audit log.",
};

export const navGroups: NavGroup[] = [
  {
    label: "Setup",
    items: [
      item("Getting started", "/", "01", IconRocket),
      item("Onboarding", "/onboarding", "02", IconListCheck),
      item("Sites", "/sites", "03", IconBuilding),
      item("Nodes", "/nodes", "04", IconServer),
      item("Node keys", "/nodes/keys", "04", IconKey),
    ],
  },
  {
    label: "Operate",
    items: [
      item("Mission control", "/operator", "05", IconGauge),
      item("Status", "/status", "05", IconActivityHeartbeat),
      item("Observability", "/observability", "05", IconChartLine),
      item("Incidents", "/incidents", "05", IconAlertTriangle),
      item("Usage", "/usage", "05", IconChartBar),
      item("Billing control", "/billing-control", "05", IconReceipt),
    ],
  },
  {
    label: "Customers & partners",
    items: [
      item("Pilot room", "/pilot-room", "06", IconFlask),
      item("Partner onboarding", "/partner-onboarding", "06", IconUserPlus),
      item("Partner pipeline", "/partners/pipeline", "06", IconTimeline),
      item("Site owner", "/site-owner", "06", IconHomeDollar),
      item("Training", "/training", "06", IconSchool),
      item("Contracts", "/contracts", "06", IconFileText),
      item("Legal", "/legal", "06", IconScale),
    ],
  },
  {
    label: "Customer API",
    items: [
      item("Gateway", "/gateway", "07", IconApi),
      item("Customer keys", "/customers/keys", "07", IconUserShield),
    ],
  },
  {
    label: "Go-live",
    items: [
      item("Go-live", "/go-live", "08", IconFlag),
      item("Acceptance", "/acceptance", "08", IconChecklist),
      item("Risk register", "/risk-register", "08", IconShieldExclamation),
      item("Support", "/support", "08", IconLifebuoy),
      item("Executive", "/executive", "08", IconBriefcase),
      item("Board metrics", "/board-metrics", "08", IconPresentationAnalytics),
    ],
  },
];

export const settingsItem = item("Settings", "/settings", "02", IconSettings);

export const allNavItems: NavItem[] = [...navGroups.flatMap((g) => g.items), settingsItem];

/** The item whose href is the longest prefix of the path (so /nodes/keys is not /nodes). */
export function activeItem(pathname: string): NavItem | undefined {
  return allNavItems
    .filter((i) => pathname === i.href || (i.href !== "/" && pathname.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
