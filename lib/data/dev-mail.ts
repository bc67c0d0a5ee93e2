import "server-only";
// The development mailbox: without SMTP_URL (and never in production) the mail
// transport writes each email to the dev_mail table, shown at /dev/mailbox.
import { env } from "@/lib/env";
import { db } from "./db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True outside production: the only case in which the dev mailbox exists. */
export function devMailboxEnabled(): boolean {
  return env().NODE_ENV !== "production";
}

export class DevMailboxDisabledError extends Error {
  constructor() {
    super("La boîte aux lettres de développement n'existe pas en production.");
    this.name = "DevMailboxDisabledError";
  }
}

function assertEnabled() {
  if (!devMailboxEnabled()) throw new DevMailboxDisabledError();
}

export interface DevMailInput {
  recipient: string;
  subject: string;
  html: string;
  text: string;
}

/** Keeps one email in the dev mailbox. */
export async function saveDevMail(mail: DevMailInput): Promise<{ id: string }> {
  assertEnabled();
  return db().devMail.create({
    data: { recipient: mail.recipient, subject: mail.subject, html: mail.html, text: mail.text },
    select: { id: true },
  });
}

export interface DevMailSummary {
  id: string;
  recipient: string;
  subject: string;
  createdAt: Date;
}

/** The newest emails first, optionally only those whose recipient contains `recipient`. */
export async function listDevMail(input: { recipient?: string; limit?: number } = {}): Promise<DevMailSummary[]> {
  assertEnabled();
  const recipient = input.recipient?.trim().toLowerCase();
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 100), 1), 500);
  return db().devMail.findMany({
    where: recipient ? { recipient: { contains: recipient, mode: "insensitive" } } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, recipient: true, subject: true, createdAt: true },
  });
}

export interface DevMailDetail extends DevMailSummary {
  html: string;
  text: string;
}

/** One email of the dev mailbox, or null (unknown or malformed id). */
export async function getDevMail(id: string): Promise<DevMailDetail | null> {
  assertEnabled();
  if (!UUID.test(id)) return null;
  return db().devMail.findUnique({
    where: { id },
    select: { id: true, recipient: true, subject: true, createdAt: true, html: true, text: true },
  });
}
