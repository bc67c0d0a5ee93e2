"use client";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="fr">
      <body>
        <main style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
          <h1>Une erreur est survenue</h1>
          <p>Strapontin n&apos;a pas pu afficher cette page. Réessayez dans un instant.</p>
          <button type="button" onClick={reset}>Réessayer</button>
        </main>
      </body>
    </html>
  );
}
