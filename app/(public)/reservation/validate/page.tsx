import type { Metadata } from "next";
import { PresenceForm } from "@/components/presence-form";
import { isDomainError } from "@/lib/domain/errors";
import { recognisePresenceLink } from "@/lib/use-cases/validate-presence";
import { validatePresenceAction } from "./actions";

export const metadata: Metadata = {
  title: "Valider ma présence",
  description: "Validez votre présence à la bibliothèque avec le code de l'établissement affiché sous le QR code.",
  // The page may carry a reservation link's token (?suivi=): never send it on.
  referrer: "no-referrer",
};

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * /reservation/validate — ?code= comes from the QR code at the entrance (or is
 * typed), ?suivi= from the reservation's own page (VIEW token). Opening the page
 * changes nothing: the student presses the button.
 */
export default async function ValidatePresencePage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  const code = (one(search.code) ?? "").slice(0, 32);
  const suivi = one(search.suivi)?.trim().slice(0, 100);

  let recognised: { viewToken: string; email: string } | undefined;
  let linkProblem: string | undefined;
  if (suivi) {
    try {
      recognised = { viewToken: suivi, ...(await recognisePresenceLink({ viewToken: suivi, now: new Date() })) };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      linkProblem = `${e.message} Saisissez l'adresse e-mail avec laquelle vous avez réservé.`;
    }
  }

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Valider ma présence</h1>
        <p className="text-stone-700">
          Arrivé·e à la bibliothèque, validez votre présence peu avant le début de votre réservation (en général à partir de
          15 minutes avant, et au plus tard 20 minutes après) : sans validation, la place est libérée pour les autres.
        </p>
        {code ? null : (
          <p className="text-stone-700">
            Scannez le QR code affiché à l&apos;entrée, ou saisissez le code de l&apos;établissement inscrit dessous.
          </p>
        )}
      </section>
      {linkProblem ? (
        <p role="alert" className="rounded border border-amber-600 bg-amber-50 p-3 text-amber-950">
          {linkProblem}
        </p>
      ) : null}
      <PresenceForm
        action={validatePresenceAction}
        initialCode={code}
        viewToken={recognised?.viewToken}
        recognisedEmail={recognised?.email}
      />
      <p className="text-sm text-stone-700">
        Un problème ? Le bureau d&apos;accueil de la bibliothèque peut valider votre présence pour vous.
      </p>
    </div>
  );
}
