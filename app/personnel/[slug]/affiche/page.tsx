import type { Metadata } from "next";
import Link from "next/link";
import { CodeDisplay } from "@/components/code-display";
import { notFound } from "next/navigation";
import { appUrl } from "@/lib/env";
import { getValidationPoster } from "@/lib/use-cases/get-staff-displays";
import { regenerateCodeAction } from "./actions";

// Staff page, opened with the library's secret (?cle=) until staff login exists:
// never indexed, never linked from public pages, the secret never sent on as a referrer.
export const metadata: Metadata = { title: "Affiche de validation de présence", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Params = Promise<{ slug: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// One A4 page when printed; the site header and footer are `no-print` in the root layout.
const PRINT_CSS = `
@page { size: A4 portrait; margin: 12mm; }
@media print {
  html, body { background: #fff !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
  .poster { border: none !important; box-shadow: none !important; max-width: none !important; padding: 10mm 0 0 !important; break-inside: avoid; }
  .poster-qr { width: 120mm !important; }
  .poster-gap { margin-top: 0 !important; }
}
`;

/**
 * /personnel/{slug}/affiche?cle=<staff secret> — the printable poster of a
 * library: QR code to APP_URL/reservation/validate?code=<code>, the code in large
 * type and one line of instructions. 404 when the library or the secret is wrong.
 */
export default async function PosterPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { slug } = await params;
  const search = await searchParams;
  const cle = one(search.cle) ?? "";
  const data = cle ? await getValidationPoster({ slug, staffSecret: cle }) : null;
  if (!data) notFound();
  const { library, poster } = data;
  const validatePage = appUrl("/reservation/validate").replace(/^https?:\/\//, "");
  const withKey = (path: string) => `${path}?cle=${encodeURIComponent(cle)}`;

  return (
    <div className="poster-gap space-y-6">
      <style>{PRINT_CSS}</style>

      <div className="no-print space-y-3">
        <h1 className="text-2xl font-bold">Affiche de validation — {library.name}</h1>
        <p>
          Imprimez cette page (menu Imprimer ou Ctrl + P, format A4) et affichez-la à l&apos;entrée de la bibliothèque. En-tête et
          pied de page du site ne sont pas imprimés.
        </p>
        {one(search.nouveau) ? (
          <p role="status" className="rounded border border-brand-600 bg-brand-50 p-3 text-brand-800">
            Nouveau code généré. Imprimez cette nouvelle affiche et retirez les anciennes : l&apos;ancien code n&apos;est plus accepté.
          </p>
        ) : null}
        {library.rotatingCodeEnabled ? (
          <p role="note" className="rounded border border-amber-600 bg-amber-50 p-3 text-amber-950">
            Cette bibliothèque utilise des codes tournants : seul le code affiché sur la{" "}
            <Link href={withKey(`/personnel/${library.slug}/borne`)} className="font-semibold underline">
              borne d&apos;entrée
            </Link>{" "}
            est accepté, pas celui de cette affiche.
          </p>
        ) : null}
      </div>

      <article
        aria-labelledby="affiche-titre"
        className="poster mx-auto flex max-w-2xl flex-col items-center gap-6 rounded-lg border border-stone-300 bg-white p-8 text-center shadow-sm"
      >
        <p className="text-xl font-semibold text-stone-700">{library.name}</p>
        <h2 id="affiche-titre" className="text-4xl font-bold tracking-tight">
          Validez votre présence
        </h2>
        <CodeDisplay code={poster.code} qrSvg={poster.qrSvg} className="poster-qr" />
        <p className="max-w-xl text-xl">
          Scannez le QR code, ou saisissez ce code sur <strong>{validatePage}</strong>, entre {library.validationOpensBeforeMinutes} minutes
          avant et {library.validationWindowMinutes} minutes après le début de votre réservation.
        </p>
        <p className="text-base text-stone-700">En cas de difficulté, validez votre présence au bureau d&apos;accueil.</p>
      </article>

      <section aria-labelledby="regenerer-titre" className="no-print mx-auto max-w-2xl space-y-3 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="regenerer-titre" className="text-lg font-semibold">
          Changer le code de l&apos;établissement
        </h2>
        <p className="text-sm text-stone-700">
          Si le code circule en dehors de la bibliothèque, générez-en un nouveau. Les affiches déjà imprimées ne fonctionneront plus.
        </p>
        {one(search.erreur) === "confirmation" ? (
          <p role="alert" className="rounded border border-amber-600 bg-amber-50 p-2 text-amber-950">
            Cochez la case de confirmation pour changer le code.
          </p>
        ) : null}
        <form action={regenerateCodeAction} className="space-y-3">
          <input type="hidden" name="slug" value={library.slug} />
          <input type="hidden" name="cle" value={cle} />
          <div className="flex items-start gap-2">
            <input id="confirm" name="confirm" type="checkbox" value="oui" required className="mt-1 h-4 w-4" />
            <label htmlFor="confirm">Je comprends que les affiches déjà imprimées devront être remplacées.</label>
          </div>
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            Générer un nouveau code
          </button>
        </form>
        <p className="text-sm">
          <Link href={withKey(`/personnel/${library.slug}/borne`)} className="text-brand-700 underline">
            Écran de la borne d&apos;entrée
          </Link>
        </p>
      </section>
    </div>
  );
}
