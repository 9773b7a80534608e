import { secureHeaders } from "hono/secure-headers";
import type { Config } from "../../config.ts";

const hsts = "max-age=31536000; includeSubDomains";

/**
 * What an API answer needs (it is never rendered as a page): no sniffing, no framing, no
 * referrer, HSTS over https. A plain object, for answers built with their headers in one go.
 */
export function apiSecurityHeaders(config: Config): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
  };
  if (config.publicUrl.startsWith("https:")) headers["strict-transport-security"] = hsts;
  return headers;
}

/** CSP and friends on every response; the SPA needs only its own origin (plus Supabase's). */
export function securityHeaders(config: Config) {
  const connect = ["'self'"];
  if (config.supabase) connect.push(config.supabase.url);
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Mantine sets inline style attributes and injects CSS variables at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "https:"],
      fontSrc: ["'self'", "data:"],
      connectSrc: connect,
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: "DENY",
    xContentTypeOptions: "nosniff",
    referrerPolicy: "strict-origin-when-cross-origin",
    strictTransportSecurity: config.publicUrl.startsWith("https:") ? hsts : false,
    crossOriginEmbedderPolicy: false,
  });
}
