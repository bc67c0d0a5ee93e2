"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-4">
      <h1 className="text-2xl font-bold">Une erreur est survenue</h1>
      <p>Nous n&apos;avons pas pu afficher cette page. Réessayez dans un instant ; si le problème persiste, contactez l&apos;accueil de votre bibliothèque.</p>
      <button type="button" onClick={reset} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white">
        Réessayer
      </button>
    </div>
  );
}
