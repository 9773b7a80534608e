import { randomUUID } from "node:crypto";
import { createTransport, type Transporter } from "nodemailer";
import type { Logger } from "../logger.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The sign-in link and code, kept apart so the dev outbox can show them. */
  link?: string;
  code?: string;
}

export interface Mailer {
  /** False when sign-in e-mail cannot be delivered (production without SMTP). */
  readonly enabled: boolean;
  readonly reason?: string;
  send(message: MailMessage): Promise<void>;
}

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  link: string | null;
  code: string | null;
  createdAt: string;
}

/** Development outbox: the last messages in memory, newest first; never used in production. */
export class DevOutbox implements Mailer {
  readonly enabled = true;
  private readonly entries: OutboxEntry[] = [];
  private readonly log: Logger;
  private readonly capacity: number;
  constructor(log: Logger, capacity = 50) {
    this.log = log;
    this.capacity = capacity;
  }
  async send(m: MailMessage): Promise<void> {
    this.entries.unshift({
      id: randomUUID(),
      to: m.to,
      subject: m.subject,
      text: m.text,
      link: m.link ?? null,
      code: m.code ?? null,
      createdAt: new Date().toISOString(),
    });
    this.entries.length = Math.min(this.entries.length, this.capacity);
    this.log.info(
      { to: m.to, link: m.link, code: m.code },
      "dev outbox: sign-in e-mail (not sent)",
    );
  }
  list(): OutboxEntry[] {
    return [...this.entries];
  }
}

export class SmtpMailer implements Mailer {
  readonly enabled = true;
  private readonly transport: Transporter;
  private readonly from: string;
  constructor(url: string, from: string) {
    this.transport = createTransport(url);
    this.from = from;
  }
  async send(m: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
    });
  }
}

export class DisabledMailer implements Mailer {
  readonly enabled = false;
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
  async send(): Promise<void> {
    throw new Error(this.reason);
  }
}
