// What a token page says when its link cannot act: forged or mistyped (404),
// expired, already used. Plain words, a way out, never an error page.
import Link from "next/link";

export const LINK_INVALID_TITLE = "Ce lien n'est pas valide";
export const LINK_INVALID_MESSAGE =
  "Vérifiez que vous avez copié l'adresse complète depuis l'e-mail. Si le problème persiste, réservez à nouveau depuis la page de votre bibliothèque.";

export function LinkProblem({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div role="alert" className="space-y-2 rounded-lg border border-amber-600 bg-amber-50 p-4 text-amber-950">
      <p className="text-lg font-semibold">{title}</p>
      <div className="space-y-2">{children}</div>
    </div>
  );
}

/** The body of the token pages' not-found.tsx (a forged or unknown token answers 404). */
export function InvalidLinkPage() {
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">Lien non valide</h1>
      <LinkProblem title={LINK_INVALID_TITLE}>
        <p>{LINK_INVALID_MESSAGE}</p>
      </LinkProblem>
      <p>
        <Link href="/" className="font-semibold text-brand-800 underline">
          Voir les bibliothèques
        </Link>
      </p>
    </div>
  );
}
