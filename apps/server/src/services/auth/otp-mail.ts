import type { MailMessage } from "../../mail/mailer.ts";

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The sign-in e-mail: the link for this browser, the code for another device. */
export function magicLinkMail(
  to: string,
  link: string,
  code: string,
  expirySeconds: number,
): MailMessage {
  const minutes = Math.round(expirySeconds / 60);
  const text = [
    "Sign in to Edgeplane with this link:",
    "",
    link,
    "",
    `Or enter this code: ${code}`,
    "",
    `The link and the code work once and expire in ${minutes} minutes.`,
    "If you did not ask to sign in, ignore this e-mail.",
  ].join("\n");
  const html = [
    "<p>Sign in to Edgeplane:</p>",
    `<p><a href="${escapeHtml(link)}">Sign in</a></p>`,
    `<p>Or enter this code: <strong>${code}</strong></p>`,
    `<p>The link and the code work once and expire in ${minutes} minutes.`,
    "If you did not ask to sign in, ignore this e-mail.</p>",
  ].join("\n");
  return { to, subject: "Your Edgeplane sign-in link", text, html, link, code };
}
