// Typed domain errors. The domain and the use cases throw them; the edges
// (server actions, API routes) map them to a French message and an HTTP status.

export const ERROR_MESSAGES = {
  slot_taken: "Ce créneau vient d'être réservé, choisissez-en un autre.",
  no_free_place: "Plus aucune place n'est libre sur ce créneau, choisissez-en un autre.",
  unknown_library: "Cette bibliothèque n'existe pas.",
  unknown_resource: "Cette place n'existe pas ou n'est plus réservable.",
  unknown_area: "Cet espace n'existe pas dans cette bibliothèque.",
  unknown_reservation: "Cette réservation est introuvable.",
  invalid_email: "Saisissez une adresse e-mail valide, par exemple prenom.nom@univ-exemple.fr.",
  email_domain_not_allowed: "Cette bibliothèque n'accepte que les adresses de son université.",
  name_required: "Indiquez un nom pour la réservation d'une salle de groupe.",
  end_before_start: "L'heure de fin doit être après l'heure de début.",
  past: "Ce créneau est déjà passé.",
  beyond_horizon: "Ce créneau est trop loin dans le temps : les réservations ne sont pas encore ouvertes.",
  too_short: "Cette durée est trop courte pour cet espace.",
  too_long: "Cette durée dépasse le maximum autorisé dans cet espace.",
  off_grid: "Les horaires doivent suivre les créneaux proposés.",
  closed: "La bibliothèque est fermée à ces horaires.",
  closure: "La bibliothèque est exceptionnellement fermée à ces horaires.",
  daily_limit: "Vous avez atteint le nombre maximal de réservations pour cette journée dans cette bibliothèque.",
  rate_limited: "Trop de tentatives. Patientez quelques minutes avant de réessayer.",
  token_invalid: "Ce lien n'est pas valide. Vérifiez que vous avez copié l'adresse complète depuis l'e-mail.",
  token_expired: "Ce lien a expiré.",
  token_used: "Ce lien a déjà été utilisé.",
  not_pending: "Cette réservation n'est plus en attente de confirmation.",
  already_confirmed: "Cette réservation est déjà confirmée.",
  not_cancellable: "Cette réservation ne peut plus être annulée.",
  already_cancelled: "Cette réservation est déjà annulée.",
  invalid_request: "La requête est invalide.",
  wrong_code: "Ce code d'établissement n'est pas valide. Vérifiez le code affiché sous le QR code.",
  no_reservation: "Aucune réservation confirmée à cette adresse ne peut être validée maintenant dans cette bibliothèque.",
  too_early: "Il est trop tôt pour valider votre présence.",
  too_late: "Le délai de validation est dépassé : la réservation a été annulée.",
  already_validated: "Votre présence est déjà validée.",
  not_confirmed: "Votre réservation n'est pas encore confirmée : ouvrez le lien « Confirmer ma réservation » reçu par e-mail, puis validez votre présence.",
  forbidden: "Vous n'avez pas accès à cette action.",
  overlapping_booking: "Vous avez déjà une réservation sur ce créneau : une seule place à la fois.",
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** HTTP status of a domain error at the API edge. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case "slot_taken":
    case "no_free_place":
    case "daily_limit":
    case "not_pending":
    case "already_confirmed":
    case "not_cancellable":
    case "already_cancelled":
    case "already_validated":
    case "token_used":
    case "overlapping_booking":
      return 409;
    case "unknown_library":
    case "unknown_resource":
    case "unknown_area":
    case "unknown_reservation":
      return 404;
    case "token_expired":
      return 410;
    case "rate_limited":
      return 429;
    case "forbidden":
      return 403;
    default:
      return 422;
  }
}
