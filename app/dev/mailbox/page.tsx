import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { devMailboxEnabled, listDevMail } from "@/lib/data/dev-mail";
import { formatDateFr, formatTime } from "@/lib/domain/time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Boîte aux lettres de développement", robots: { index: false }, referrer: "no-referrer" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const TZ = "Europe/Paris";

export default async function DevMailboxPage({ searchParams }: { searchParams: Search }) {
  if (!devMailboxEnabled()) notFound();
  const recipient = (one((await searchParams).a) ?? "").trim().slice(0, 200);
  const mails = await listDevMail({ recipient: recipient || undefined, limit: 200 });

  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Boîte aux lettres de développement</h1>
        <p className="text-stone-700">
          Sans <code>SMTP_URL</code>, les e-mails de Strapontin ne partent pas : ils sont gardés ici, pour parcourir tout le
          parcours en local. Cette page n&apos;existe pas en production.
        </p>
      </section>

      <form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <div className="flex flex-col gap-1">
          <label htmlFor="a" className="text-sm font-medium">
            Destinataire
          </label>
          <input
            id="a"
            name="a"
            type="search"
            defaultValue={recipient}
            placeholder="prenom.nom@etu.univ-exemple.fr"
            className="w-72 max-w-full rounded border border-stone-400 bg-white px-3 py-2"
          />
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white">
          Filtrer
        </button>
        {recipient && (
          <Link href="/dev/mailbox" className="py-2 text-brand-700 underline">
            Tout afficher
          </Link>
        )}
      </form>

      <p aria-live="polite" className="text-sm text-stone-700">
        {mails.length === 0
          ? recipient
            ? `Aucun e-mail pour « ${recipient} ».`
            : "Aucun e-mail pour l'instant. Réservez une place : l'e-mail apparaîtra ici."
          : `${mails.length} e-mail${mails.length > 1 ? "s" : ""}${recipient ? ` pour « ${recipient} »` : ""}, du plus récent au plus ancien.`}
      </p>

      {mails.length > 0 && (
        <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white">
          {mails.map((m) => (
            <li key={m.id} className="flex flex-col gap-1 p-3 sm:flex-row sm:items-baseline sm:gap-4">
              <time dateTime={m.createdAt.toISOString()} className="shrink-0 text-sm text-stone-600">
                {formatDateFr(m.createdAt, TZ)} à {formatTime(m.createdAt, TZ)}
              </time>
              <span className="min-w-0 flex-1">
                <Link href={`/dev/mailbox/${m.id}`} className="font-semibold text-brand-700 underline">
                  {m.subject}
                </Link>
                <span className="block truncate text-sm text-stone-700">À : {m.recipient}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
