function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The URL a tunnel request's path names under the agent's `--upstream` base, or null when it
 * could name anything else: the agent dials its own inference server and nothing else, whatever
 * the control plane sends. Refused: absolute or protocol-relative URLs, `.`/`..` segments (also
 * percent-encoded), encoded slashes, backslashes, control characters and fragments.
 */
export function upstreamUrl(base: string, path: string): URL | null {
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  if (/[\\#\s\p{Cc}]/u.test(path)) return null;
  const query = path.indexOf("?");
  const pathname = query === -1 ? path : path.slice(0, query);
  for (const segment of pathname.split("/").slice(1)) {
    const decoded = decodeSegment(segment);
    if (decoded === null || decoded === "." || decoded === "..") return null;
    if (/[/\\]/.test(decoded)) return null;
  }
  const root = new URL(base);
  const prefix = root.pathname.replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(`${root.origin}${prefix}${path}`);
  } catch {
    return null;
  }
  if (url.origin !== root.origin || !url.pathname.startsWith(`${prefix}/`)) return null;
  return url;
}
