"use client";
// The presence-validation form and its answers. A plain form posting to a
// server action: it works before (and without) JavaScript; with it, the answer
// appears in place. Every answer is announced through one aria-live region.
import { useActionState } from "react";

export type PresenceFormState =
  | { status: "idle" }
  | {
      status: "success";
      libraryName: string;
      librarySlug: string;
      place: string;
      areaName: string;
      from: string;
      until: string;
    }
  | {
      status: "error";
      code: string;
      message: string;
      /** The field the message is about, when there is one. */
      field?: "code" | "email";
      /** What was typed, shown again (React resets uncontrolled fields after an action). */
      values: { code: string; email: string };
    };

/** What the student can do next, after some answers. */
const NEXT_STEP: Record<string, string> = {
  rate_limited: "En cas de difficulté, validez votre présence au bureau d'accueil.",
  wrong_code: "Le code est affiché en grand sous le QR code, à l'entrée de la bibliothèque.",
  no_reservation: "Vérifiez l'adresse e-mail (celle de la réservation) et la bibliothèque. En cas de difficulté, adressez-vous au bureau d'accueil.",
  too_late: "Vous pouvez réserver une autre place si la bibliothèque en a de libres.",
  token_invalid: "Saisissez plutôt l'adresse e-mail avec laquelle vous avez réservé.",
  token_expired: "Saisissez plutôt l'adresse e-mail avec laquelle vous avez réservé.",
};

export function PresenceForm({
  action,
  initialCode,
  viewToken,
  recognisedEmail,
}: {
  action: (state: PresenceFormState, formData: FormData) => Promise<PresenceFormState>;
  initialCode: string;
  /** The reservation link's token, when the student came from it and it is valid. */
  viewToken?: string;
  /** The address behind that link, shown so the student knows who is validating. */
  recognisedEmail?: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const values = state.status === "error" ? state.values : { code: initialCode, email: "" };
  const errorOn = state.status === "error" ? state.field : undefined;

  return (
    <div className="space-y-6">
      <div aria-live="polite" aria-atomic="true">
        {state.status === "success" ? (
          <section
            data-testid="validation-success"
            aria-labelledby="presence-ok-title"
            className="rounded-2xl border-4 border-brand-700 bg-brand-50 p-6 text-center shadow-sm"
          >
            <p aria-hidden="true" className="mx-auto mb-3 flex h-20 w-20 items-center justify-center rounded-full bg-brand-700 text-5xl font-bold text-white">
              ✓
            </p>
            <h2 id="presence-ok-title" className="text-3xl font-bold text-brand-800">
              Présence validée
            </h2>
            <p className="mt-4 text-2xl font-semibold">{state.place}</p>
            <p className="text-lg">{state.areaName}</p>
            <p className="text-lg">{state.libraryName}</p>
            <p className="mt-4 text-xl">
              Votre place est à vous jusqu&apos;à <strong>{state.until}</strong>.
            </p>
            <p className="mt-2 text-sm text-stone-700">Bon travail ! Pensez à annuler si vous partez plus tôt : la place sera libérée pour les autres.</p>
          </section>
        ) : state.status === "error" ? (
          <div role="alert" className="rounded-lg border-2 border-amber-600 bg-amber-50 p-4 text-amber-950">
            <p className="text-lg font-semibold">{state.message}</p>
            {NEXT_STEP[state.code] ? <p className="mt-1">{NEXT_STEP[state.code]}</p> : null}
          </div>
        ) : null}
      </div>

      {state.status === "success" ? null : (
        <form action={formAction} className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" noValidate>
          {viewToken ? <input type="hidden" name="suivi" value={viewToken} /> : null}
          <div>
            <label htmlFor="code" className="block font-medium">
              Code de l&apos;établissement
            </label>
            <p id="code-aide" className="text-sm text-stone-700">
              6 caractères, affichés sous le QR code à l&apos;entrée de la bibliothèque.
            </p>
            <input
              id="code"
              name="code"
              type="text"
              required
              defaultValue={values.code}
              maxLength={32}
              autoComplete="off"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
              aria-describedby="code-aide"
              aria-invalid={errorOn === "code" ? true : undefined}
              className="mt-1 w-full rounded border border-stone-500 bg-white px-3 py-3 font-mono text-2xl uppercase tracking-[0.3em]"
            />
          </div>
          {viewToken ? (
            <p className="rounded bg-stone-100 p-3 text-sm">
              Vous êtes reconnu·e grâce au lien de votre réservation
              {recognisedEmail ? (
                <>
                  {" "}
                  (<span className="font-medium">{recognisedEmail}</span>)
                </>
              ) : null}
              .
            </p>
          ) : (
            <div>
              <label htmlFor="email" className="block font-medium">
                Adresse e-mail de la réservation
              </label>
              <input
                id="email"
                name="email"
                type="email"
                required
                inputMode="email"
                autoComplete="email"
                defaultValue={values.email}
                maxLength={254}
                placeholder="prenom.nom@univ-exemple.fr"
                aria-invalid={errorOn === "email" ? true : undefined}
                className="mt-1 w-full rounded border border-stone-500 bg-white px-3 py-3 text-lg"
              />
            </div>
          )}
          <button
            type="submit"
            disabled={pending}
            className="w-full rounded bg-brand-700 px-4 py-3 text-lg font-semibold text-white hover:bg-brand-800 disabled:opacity-70 sm:w-auto"
          >
            {pending ? "Validation…" : "Valider ma présence"}
          </button>
        </form>
      )}
    </div>
  );
}
