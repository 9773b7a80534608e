import { secureHeaders } from "hono/secure-headers";
import type { Config } from "../../config.ts";

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
    strictTransportSecurity: config.publicUrl.startsWith("https:")
      ? "max-age=31536000; includeSubDomains"
      : false,
    crossOriginEmbedderPolicy: false,
  });
}
