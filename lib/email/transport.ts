import "server-only";
// The one way an email leaves the app. With SMTP_URL: nodemailer over SMTP.
// Without it, outside production: the dev mailbox (dev_mail table, /dev/mailbox).
// In production without SMTP_URL: refused with a clear error (the outbox keeps
// the email and retries, so nothing is lost once SMTP_URL is set).
import nodemailer, { type Transporter } from "nodemailer";
import { saveDevMail } from "@/lib/data/dev-mail";
import { env } from "@/lib/env";
import type { EmailAttachment } from "@/emails/types";

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: EmailAttachment[];
}

export interface SendResult {
  via: "smtp" | "dev-mailbox";
  /** SMTP Message-ID, or the dev_mail row id. */
  messageId: string;
}

export class EmailConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmailConfigError";
  }
}

/** Connection, greeting and idle-socket timeouts: a stuck server fails the attempt, the outbox retries. */
export const SMTP_TIMEOUT_MS = 10_000;

let cached: { url: string; transporter: Transporter } | undefined;

function smtpTransporter(url: string): Transporter {
  if (cached?.url !== url) {
    cached?.transporter.close();
    cached = {
      url,
      transporter: nodemailer.createTransport({
        url,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      }),
    };
  }
  return cached.transporter;
}

/** Sends one email and resolves once the SMTP server (or the dev mailbox) has accepted it. */
export async function sendEmail(mail: OutgoingEmail): Promise<SendResult> {
  const { SMTP_URL, EMAIL_FROM, NODE_ENV } = env();
  if (SMTP_URL) {
    const info = await smtpTransporter(SMTP_URL).sendMail({
      from: EMAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
    });
    const rejected = (info.rejected as unknown[] | undefined) ?? [];
    if (rejected.length > 0) throw new Error(`Le serveur SMTP a refusé le destinataire (${rejected.length}).`);
    return { via: "smtp", messageId: String(info.messageId ?? "") };
  }
  if (NODE_ENV === "production") {
    throw new EmailConfigError(
      "SMTP_URL n'est pas défini : en production, les e-mails ne peuvent pas partir. Définissez SMTP_URL (smtp://utilisateur:motdepasse@serveur:587) ; les e-mails en attente partiront ensuite.",
    );
  }
  const row = await saveDevMail({ recipient: mail.to, subject: mail.subject, html: mail.html, text: mail.text });
  return { via: "dev-mailbox", messageId: row.id };
}
