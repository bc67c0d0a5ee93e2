import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "@/components/auto-refresh";
import { CodeDisplay } from "@/components/code-display";
import { formatTimeFr } from "@/lib/domain/time";
import { appUrl } from "@/lib/env";
import { getKioskCode } from "@/lib/use-cases/get-staff-displays";

// Staff page, opened with the library's secret (?cle=) until staff login exists:
// never indexed, never linked from public pages, the secret never sent on as a referrer.
export const metadata: Metadata = { title: "Borne de validation de présence", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Params = Promise<{ slug: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * /personnel/{slug}/borne?cle=<staff secret> — the screen at the entrance of a
 * library with rotating codes: QR code + code of the current period. The page
 * re-renders itself when the code changes (components/auto-refresh.tsx; a
 * <meta http-equiv="refresh"> would fail WCAG 2.2.1); the previous code stays
 * accepted one more period.
 */
export default async function KioskPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { slug } = await params;
  const search = await searchParams;
  const cle = one(search.cle) ?? "";
  const now = new Date();
  const data = cle ? await getKioskCode({ slug, staffSecret: cle, now }) : null;
  if (!data) notFound();
  const { library } = data;
  const posterHref = `/personnel/${library.slug}/affiche?cle=${encodeURIComponent(cle)}`;

  if (!data.rotating) {
    return (
      <div className="mx-auto max-w-2xl space-y-4">
        <h1 className="text-2xl font-bold">Borne — {library.name}</h1>
        <p>
          Cette bibliothèque n&apos;utilise pas de codes tournants : c&apos;est le code imprimé sur l&apos;affiche qui s&apos;applique (
          <span className="font-mono font-bold" data-testid="establishment-code">
            {data.staticCode}
          </span>
          ).
        </p>
        <p>
          <Link href={posterHref} className="text-brand-700 underline">
            Voir et imprimer l&apos;affiche
          </Link>
        </p>
      </div>
    );
  }

  const { display, expiresAt, periodMinutes } = data;
  // Reload a moment after the change, so the new code is the one computed.
  const refreshSeconds = Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000) + 1);
  const validatePage = appUrl("/reservation/validate").replace(/^https?:\/\//, "");
  return (
    <div className="flex flex-col items-center gap-6 text-center">
      <AutoRefresh seconds={refreshSeconds} />
      <p className="text-xl font-semibold text-stone-700">{library.name}</p>
      <h1 className="text-4xl font-bold tracking-tight">Validez votre présence</h1>
      <CodeDisplay code={display.code} qrSvg={display.qrSvg} />
      <p className="max-w-xl text-xl">
        Scannez le QR code, ou saisissez ce code sur <strong>{validatePage}</strong>.
      </p>
      <p className="text-base text-stone-700">
        Le code change toutes les {periodMinutes} minutes (prochain changement à {formatTimeFr(expiresAt, library.timeZone)}).
      </p>
    </div>
  );
}
