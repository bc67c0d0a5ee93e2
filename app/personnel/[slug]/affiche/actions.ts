"use server";
// Staff regenerate the establishment code from the poster page (a POST form).
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { isDomainError } from "@/lib/domain/errors";
import { regenerateEstablishmentCode } from "@/lib/use-cases/regenerate-establishment-code";

const form = z.object({
  slug: z.string().trim().min(1).max(100),
  cle: z.string().min(1).max(200),
  confirm: z.literal("oui"),
});

export async function regenerateCodeAction(formData: FormData): Promise<void> {
  const parsed = form.safeParse({ slug: formData.get("slug"), cle: formData.get("cle"), confirm: formData.get("confirm") });
  if (!parsed.success) {
    const slug = String(formData.get("slug") ?? "");
    const cle = String(formData.get("cle") ?? "");
    // Without the confirmation box, back to the page with a message (the secret is checked there).
    redirect(`/personnel/${encodeURIComponent(slug)}/affiche?cle=${encodeURIComponent(cle)}&erreur=confirmation`);
  }
  const { slug, cle } = parsed.data;
  try {
    await regenerateEstablishmentCode({ slug, staffSecret: cle, now: new Date() });
  } catch (e) {
    if (isDomainError(e) && e.code === "forbidden") notFound();
    throw e;
  }
  redirect(`/personnel/${encodeURIComponent(slug)}/affiche?cle=${encodeURIComponent(cle)}&nouveau=1`);
}
