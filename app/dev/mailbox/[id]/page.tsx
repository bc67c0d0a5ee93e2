import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MailText } from "@/components/mail-text";
import { devMailboxEnabled, getDevMail } from "@/lib/data/dev-mail";
import { formatDateFr, formatTime } from "@/lib/domain/time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "E-mail (boîte de développement)", robots: { index: false }, referrer: "no-referrer" };

type Params = Promise<{ id: string }>;
const TZ = "Europe/Paris";

/** Links of the HTML part open in a new tab (the iframe is sandboxed: no script, no navigation of this page). */
function withBaseTarget(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}${base}`) : `${base}${html}`;
}

export default async function DevMailPage({ params }: { params: Params }) {
  if (!devMailboxEnabled()) notFound();
  const { id } = await params;
  const mail = await getDevMail(id);
  if (!mail) notFound();

  return (
    <div className="space-y-6">
      <p>
        <Link href="/dev/mailbox" className="text-brand-700 underline">
          ← Tous les e-mails
        </Link>
      </p>
      <section className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">{mail.subject}</h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-stone-600">À</dt>
          <dd>{mail.recipient}</dd>
          <dt className="text-stone-600">Reçu le</dt>
          <dd>
            <time dateTime={mail.createdAt.toISOString()}>
              {formatDateFr(mail.createdAt, TZ)} à {formatTime(mail.createdAt, TZ)}
            </time>
          </dd>
        </dl>
      </section>

      <section className="space-y-2" aria-labelledby="version-html">
        <h2 id="version-html" className="text-lg font-semibold">
          Version HTML
        </h2>
        <iframe
          title={`Version HTML de l'e-mail « ${mail.subject} »`}
          srcDoc={withBaseTarget(mail.html)}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          className="h-[40rem] w-full rounded border border-stone-300 bg-white"
        />
      </section>

      <section className="space-y-2" aria-labelledby="version-texte">
        <h2 id="version-texte" className="text-lg font-semibold">
          Version texte
        </h2>
        <MailText text={mail.text} />
      </section>
    </div>
  );
}
