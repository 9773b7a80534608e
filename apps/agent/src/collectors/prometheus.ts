/** A parser for the Prometheus text exposition format (0.0.4), as DCGM and vLLM serve it. */

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PromPage {
  samples: PromSample[];
  /** `# TYPE` per metric family name. */
  types: Map<string, string>;
  /** `# HELP` per metric family name. */
  help: Map<string, string>;
  /** Lines that were neither comments nor parseable samples. */
  skipped: number;
}

const namePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

function parseValue(raw: string): number {
  switch (raw) {
    case "+Inf":
    case "Inf":
      return Number.POSITIVE_INFINITY;
    case "-Inf":
      return Number.NEGATIVE_INFINITY;
    case "NaN":
      return Number.NaN;
    default:
      return raw === "" ? Number.NaN : Number(raw);
  }
}

/** Reads `{a="1", b="x\"y"}` starting at `start` (the `{`); returns the labels and the index after `}`. */
function parseLabels(
  line: string,
  start: number,
): { labels: Record<string, string>; end: number } | null {
  const labels: Record<string, string> = {};
  let i = start + 1;
  for (;;) {
    while (line[i] === " " || line[i] === ",") i++;
    if (line[i] === "}") return { labels, end: i + 1 };
    const name = namePattern.exec(line.slice(i));
    if (!name) return null;
    i += name[0].length;
    while (line[i] === " ") i++;
    if (line[i] !== "=") return null;
    i++;
    while (line[i] === " ") i++;
    if (line[i] !== '"') return null;
    i++;
    let value = "";
    for (;;) {
      const c = line[i];
      if (c === undefined) return null;
      if (c === "\\") {
        const next = line[i + 1];
        value += next === "n" ? "\n" : (next ?? "");
        i += 2;
        continue;
      }
      if (c === '"') {
        i++;
        break;
      }
      value += c;
      i++;
    }
    labels[name[0]] = value;
  }
}

export function parsePrometheusText(text: string): PromPage {
  const page: PromPage = { samples: [], types: new Map(), help: new Map(), skipped: 0 };
  for (const rawLine of text.split("\n")) {
    const line = rawLine.trim();
    if (line === "") continue;
    if (line.startsWith("#")) {
      const meta = /^#\s+(HELP|TYPE)\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(.*)$/.exec(line);
      if (meta?.[1] === "TYPE") page.types.set(meta[2] ?? "", (meta[3] ?? "").trim());
      else if (meta?.[1] === "HELP") page.help.set(meta[2] ?? "", meta[3] ?? "");
      continue;
    }
    const name = namePattern.exec(line);
    if (!name) {
      page.skipped++;
      continue;
    }
    let i = name[0].length;
    let labels: Record<string, string> = {};
    if (line[i] === "{") {
      const parsed = parseLabels(line, i);
      if (!parsed) {
        page.skipped++;
        continue;
      }
      labels = parsed.labels;
      i = parsed.end;
    }
    const [rawValue = ""] = line.slice(i).trim().split(/\s+/);
    const value = parseValue(rawValue);
    if (Number.isNaN(value) && rawValue !== "NaN") {
      page.skipped++;
      continue;
    }
    page.samples.push({ name: name[0], labels, value });
  }
  return page;
}

export function samplesNamed(page: PromPage, name: string): PromSample[] {
  return page.samples.filter((s) => s.name === name);
}

/** The sum of every series of a metric, or null when the page does not have it. */
export function sumOf(
  page: PromPage,
  name: string,
  where: (labels: Record<string, string>) => boolean = () => true,
): number | null {
  const found = samplesNamed(page, name).filter((s) => where(s.labels) && Number.isFinite(s.value));
  return found.length === 0 ? null : found.reduce((acc, s) => acc + s.value, 0);
}
