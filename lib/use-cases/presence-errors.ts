// How a presence decision that did not validate anything is told: a
// DomainError with its own plain French message (no reservation identifiers:
// a typed address is not proof of identity).
import { DomainError } from "@/lib/domain/errors";
import { tooEarlyMessage, type PresenceDecision } from "@/lib/domain/presence";

export function presenceError(decision: PresenceDecision, timeZone: string): DomainError {
  switch (decision.outcome) {
    case "too_early":
      return new DomainError("too_early", tooEarlyMessage(decision.opensAt, timeZone), { opensAt: decision.opensAt.toISOString() });
    case "too_late":
    case "already_validated":
    case "not_confirmed":
      return new DomainError(decision.outcome);
    case "no_reservation":
    case "validated":
      return new DomainError("no_reservation");
  }
}
