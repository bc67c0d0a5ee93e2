"use server";
// The presence-validation form's server action: parse, call the use case, and
// turn the answer into what the form shows (times formatted in the library's zone).
import { headers } from "next/headers";
import { isDomainError } from "@/lib/domain/errors";
import { formatTimeFr } from "@/lib/domain/time";
import { log } from "@/lib/log";
import { clientKey } from "@/lib/security/client";
import { validatePresence } from "@/lib/use-cases/validate-presence";
import { validatePresenceForm } from "@/lib/validation/presence";
import type { PresenceFormState } from "@/components/presence-form";

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : undefined);

export async function validatePresenceAction(_prev: PresenceFormState, formData: FormData): Promise<PresenceFormState> {
  const values = { code: text(formData.get("code")) ?? "", email: text(formData.get("email")) ?? "" };
  const parsed = validatePresenceForm.safeParse({ code: values.code, email: values.email, suivi: text(formData.get("suivi")) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { status: "error", code: "invalid_request", message: issue?.message ?? "La requête est invalide.", field: issue?.path[0] === "email" ? "email" : "code", values };
  }
  try {
    const r = await validatePresence({
      code: parsed.data.code,
      email: parsed.data.email,
      viewToken: parsed.data.suivi,
      now: new Date(),
      clientKey: clientKey(await headers()),
    });
    const tz = r.library.timeZone;
    return {
      status: "success",
      libraryName: r.library.name,
      librarySlug: r.library.slug,
      place: r.resource.label,
      areaName: r.resource.areaName,
      from: formatTimeFr(r.startsAt, tz),
      until: formatTimeFr(r.endsAt, tz),
    };
  } catch (e) {
    if (isDomainError(e)) {
      const field = e.code === "invalid_email" ? "email" : e.code === "wrong_code" ? "code" : undefined;
      return { status: "error", code: e.code, message: e.message, field, values };
    }
    log.error("validate presence: unexpected error", { error: e });
    return { status: "error", code: "internal_error", message: "Une erreur inattendue est survenue. Réessayez dans un instant, ou validez votre présence au bureau d'accueil.", values };
  }
}
