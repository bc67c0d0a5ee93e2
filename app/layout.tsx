import type { Metadata, Viewport } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Strapontin — réservez votre place en bibliothèque", template: "%s · Strapontin" },
  description: "Réservez une place ou une salle de groupe dans votre bibliothèque universitaire, en trois clics.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="fr">
      <body className="min-h-screen bg-stone-50 text-stone-900 antialiased">
        <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Aller au contenu
        </a>
        <header className="no-print border-b border-stone-200 bg-white">
          <nav aria-label="Navigation principale" className="mx-auto flex max-w-4xl items-center justify-between gap-4 px-4 py-3">
            <Link href="/" className="text-lg font-bold text-brand-700">
              Strapontin
            </Link>
            <ul className="flex gap-4 text-sm">
              <li>
                <Link href="/" className="underline-offset-4 hover:underline">
                  Bibliothèques
                </Link>
              </li>
              <li>
                <Link href="/reservation/validate" className="underline-offset-4 hover:underline">
                  Valider ma présence
                </Link>
              </li>
            </ul>
          </nav>
        </header>
        <main id="contenu" className="mx-auto max-w-4xl px-4 py-6">
          {children}
        </main>
        <footer className="no-print mx-auto max-w-4xl px-4 py-8 text-sm text-stone-600">
          Strapontin, logiciel libre de réservation de places en bibliothèque.
        </footer>
      </body>
    </html>
  );
}
