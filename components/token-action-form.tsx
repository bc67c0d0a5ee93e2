"use client";
// The one button of a token page ("Confirmer ma réservation", "Annuler ma
// réservation", "Renvoyer l'e-mail"): a plain form POSTing the link's token
// to a server action. Opening the page changes nothing; only this POST does.
// Works without JavaScript; the answer is announced in an aria-live region.
import { useActionState } from "react";

export type TokenActionState =
  | { status: "idle" }
  | { status: "done"; title: string; message: string }
  | { status: "error"; message: string };

type Action = (prev: TokenActionState, form: FormData) => Promise<TokenActionState>;

export function TokenActionForm({
  action,
  token,
  label,
  pendingLabel,
  tone = "primary",
  available = true,
  unavailable,
}: {
  action: Action;
  token: string;
  label: string;
  pendingLabel: string;
  tone?: "primary" | "danger" | "secondary";
  /** False when the page already knows the button cannot work (the reason is shown instead). */
  available?: boolean;
  unavailable?: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as TokenActionState);
  const button =
    tone === "danger"
      ? "bg-red-800 text-white hover:bg-red-900"
      : tone === "secondary"
        ? "border border-brand-700 bg-white text-brand-800 hover:bg-brand-50"
        : "bg-brand-700 text-white hover:bg-brand-800";
  return (
    <div className="space-y-3">
      <div aria-live="polite" aria-atomic="true">
        {state.status === "done" ? (
          <div role="status" className="space-y-1 rounded-lg border border-brand-700 bg-brand-50 p-4 text-brand-800">
            <p className="text-lg font-semibold">{state.title}</p>
            <p className="text-stone-900">{state.message}</p>
          </div>
        ) : null}
        {state.status === "error" ? (
          <p role="alert" className="rounded border border-red-700 bg-white p-3 font-medium text-red-800">
            {state.message}
          </p>
        ) : null}
      </div>
      {state.status === "done" ? null : available ? (
        <form action={formAction}>
          <input type="hidden" name="token" value={token} />
          <button
            type="submit"
            disabled={pending}
            className={`rounded px-5 py-2 font-semibold disabled:cursor-wait disabled:opacity-80 ${button}`}
          >
            {pending ? pendingLabel : label}
          </button>
        </form>
      ) : (
        unavailable
      )}
    </div>
  );
}
