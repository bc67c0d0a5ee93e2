"use client";
// The booking form under the slot list, once a slot is picked: which place
// (a free one, or any free place of the area), the email address, a name for
// group rooms. Posts to a server action (works without JavaScript too). After
// a booking it shows the result: "check your mailbox" (pending, with
// "Renvoyer l'e-mail") or "Réservation confirmée".
import Link from "next/link";
import { useActionState, useId } from "react";

export type BookingField = "place" | "email" | "name";

export interface BookingValues {
  place: string;
  email: string;
  name: string;
}

export interface BookedReservation {
  id: string;
  status: "PENDING" | "CONFIRMED";
  email: string;
  placeLabel: string;
  areaName: string;
  libraryName: string;
  /** "lundi 7 décembre 2026" */
  dateLabel: string;
  /** "de 10 h à 11 h" */
  hoursLabel: string;
  /** Pending: "21 h 15" (or with the day when not today). */
  confirmByLabel: string | null;
  /** Pending: "2 h" */
  windowLabel: string | null;
}

export type BookingState =
  | { status: "idle" }
  | { status: "error"; message: string; fields: Partial<Record<BookingField, string>>; values: BookingValues }
  | { status: "booked"; reservation: BookedReservation; values: BookingValues };

export type ResendState = { status: "idle" } | { status: "sent"; message: string } | { status: "error"; message: string };

export interface FreePlace {
  id: string;
  label: string;
  /** Features in French, "prise électrique, zone silencieuse". */
  detail: string;
}

type BookAction = (prev: BookingState, form: FormData) => Promise<BookingState>;
type ResendAction = (prev: ResendState, form: FormData) => Promise<ResendState>;

// Same value as ANY_PLACE in lib/validation/reservation.ts (not imported: that module is server-side).
export const ANY_PLACE_VALUE = "any";

export function BookingForm({
  action,
  resendAction,
  slug,
  areaId,
  areaName,
  group,
  startsAt,
  endsAt,
  slotLabel,
  places,
  anotherSlotHref,
}: {
  action: BookAction;
  resendAction: ResendAction;
  slug: string;
  areaId: string;
  areaName: string;
  /** Group rooms: a name is asked, and the wording says "salle". */
  group: boolean;
  startsAt: string;
  endsAt: string;
  /** "lundi 7 décembre 2026, de 10 h à 11 h" */
  slotLabel: string;
  places: FreePlace[];
  anotherSlotHref: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as BookingState);
  const id = useId();
  const noun = group ? "salle" : "place";

  if (state.status === "booked") {
    return <BookingResult reservation={state.reservation} resendAction={resendAction} anotherSlotHref={anotherSlotHref} />;
  }

  const values = state.status === "error" ? state.values : { place: ANY_PLACE_VALUE, email: "", name: "" };
  const fields = state.status === "error" ? state.fields : {};
  const err = (f: BookingField) => (fields[f] ? `${id}-${f}-erreur` : undefined);

  return (
    <section aria-labelledby={`${id}-titre`} className="space-y-3 rounded-lg border border-brand-600 bg-brand-50 p-4">
      <h3 id={`${id}-titre`} className="text-lg font-semibold">
        Réserver : <span className="font-normal">{slotLabel}</span>
      </h3>
      {places.length === 0 ? (
        <p className="rounded bg-white p-3">
          Plus aucune {noun} n&apos;est libre sur ce créneau. <Link href={anotherSlotHref} className="font-semibold text-brand-800 underline">Choisir un autre créneau</Link>
        </p>
      ) : (
        <form action={formAction} className="space-y-4" noValidate>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="areaId" value={areaId} />
          <input type="hidden" name="startsAt" value={startsAt} />
          <input type="hidden" name="endsAt" value={endsAt} />

          <div aria-live="polite" aria-atomic="true" id={`${id}-message`}>
            {state.status === "error" ? (
              <p role="alert" className="rounded border border-red-700 bg-white p-3 font-medium text-red-800">
                {state.message}
              </p>
            ) : null}
          </div>

          <div>
            <label htmlFor={`${id}-place`} className="block font-medium">
              {group ? "Salle" : "Place"}
            </label>
            <select
              id={`${id}-place`}
              name="place"
              defaultValue={values.place}
              key={`place-${values.place}`}
              aria-invalid={fields.place ? true : undefined}
              aria-describedby={err("place")}
              className="mt-1 w-full rounded border border-stone-500 bg-white px-2 py-2"
            >
              <option value={ANY_PLACE_VALUE}>
                {group ? "N'importe quelle salle libre dans cet espace" : "N'importe quelle place libre dans cet espace"}
              </option>
              {places.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.detail ? `${p.label} — ${p.detail}` : p.label}
                </option>
              ))}
            </select>
            <p className="mt-1 text-sm text-stone-700">
              {`${places.length} ${noun}${places.length > 1 ? "s libres" : " libre"} dans « ${areaName} ».`}
            </p>
            <FieldError id={err("place")} message={fields.place} />
          </div>

          <div>
            <label htmlFor={`${id}-email`} className="block font-medium">
              Adresse e-mail
            </label>
            <input
              id={`${id}-email`}
              name="email"
              type="email"
              inputMode="email"
              autoComplete="email"
              required
              maxLength={254}
              defaultValue={values.email}
              key={`email-${values.email}`}
              aria-invalid={fields.email ? true : undefined}
              aria-describedby={[`${id}-email-aide`, err("email")].filter(Boolean).join(" ")}
              className="mt-1 w-full rounded border border-stone-500 bg-white px-2 py-2"
            />
            <p id={`${id}-email-aide`} className="mt-1 text-sm text-stone-700">
              Votre première réservation sera à confirmer depuis un e-mail envoyé à cette adresse.
            </p>
            <FieldError id={err("email")} message={fields.email} />
          </div>

          {group ? (
            <div>
              <label htmlFor={`${id}-name`} className="block font-medium">
                Nom de la réservation
              </label>
              <input
                id={`${id}-name`}
                name="name"
                type="text"
                autoComplete="name"
                required
                maxLength={80}
                defaultValue={values.name}
                key={`name-${values.name}`}
                aria-invalid={fields.name ? true : undefined}
                aria-describedby={[`${id}-name-aide`, err("name")].filter(Boolean).join(" ")}
                className="mt-1 w-full rounded border border-stone-500 bg-white px-2 py-2"
              />
              <p id={`${id}-name-aide`} className="mt-1 text-sm text-stone-700">
                Votre nom ou celui du groupe, affiché à l&apos;accueil.
              </p>
              <FieldError id={err("name")} message={fields.name} />
            </div>
          ) : null}

          <button
            type="submit"
            disabled={pending}
            className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:cursor-wait disabled:opacity-80"
          >
            {pending ? "Réservation en cours…" : "Réserver"}
          </button>
        </form>
      )}
    </section>
  );
}

function FieldError({ id, message }: { id?: string; message?: string }) {
  return (
    <div aria-live="polite">
      {message && id ? (
        <p id={id} className="mt-1 text-sm font-medium text-red-800">
          {message}
        </p>
      ) : null}
    </div>
  );
}

function BookingResult({
  reservation: r,
  resendAction,
  anotherSlotHref,
}: {
  reservation: BookedReservation;
  resendAction: ResendAction;
  anotherSlotHref: string;
}) {
  const summary = `${r.placeLabel}, ${r.areaName} — ${r.libraryName}, ${r.dateLabel}, ${r.hoursLabel}`;
  return (
    <section aria-live="polite" className="space-y-3 rounded-lg border border-brand-600 bg-white p-4" role="status">
      {r.status === "PENDING" ? (
        <>
          <h3 className="text-lg font-semibold text-brand-800">Vérifiez votre boîte mail (et vos spams)</h3>
          <p>
            Votre réservation est <strong>en attente de confirmation</strong> : {summary}.
          </p>
          <p>
            Nous avons envoyé un lien de confirmation à <strong>{r.email}</strong>. Cliquez dessus pour confirmer : ce lien est valable{" "}
            {r.windowLabel ?? "2 h"}
            {r.confirmByLabel ? ` (jusqu'à ${r.confirmByLabel})` : ""}. Sans confirmation, la réservation est annulée.
          </p>
          <ResendForm action={resendAction} reservationId={r.id} />
        </>
      ) : (
        <>
          <h3 className="text-lg font-semibold text-brand-800">Réservation confirmée</h3>
          <p>{summary}.</p>
          <p>
            Un e-mail de confirmation part à <strong>{r.email}</strong>, avec le lien pour annuler. À votre arrivée, validez votre présence (QR
            code à l&apos;entrée, page « Valider ma présence » ou accueil) : sans validation, la réservation est annulée peu après son début.
          </p>
        </>
      )}
      <p>
        <Link href={anotherSlotHref} className="font-semibold text-brand-800 underline">
          Réserver un autre créneau
        </Link>
      </p>
    </section>
  );
}

function ResendForm({ action, reservationId }: { action: ResendAction; reservationId: string }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as ResendState);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="reservationId" value={reservationId} />
      <p className="text-sm text-stone-700">Rien reçu après quelques minutes ?</p>
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50 disabled:cursor-wait"
      >
        {pending ? "Envoi…" : "Renvoyer l'e-mail"}
      </button>
      <div aria-live="polite">
        {state.status === "sent" ? <p className="text-sm font-medium text-brand-800">{state.message}</p> : null}
        {state.status === "error" ? <p className="text-sm font-medium text-red-800">{state.message}</p> : null}
      </div>
    </form>
  );
}
