import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Page introuvable</h1>
      <p>Cette page n&apos;existe pas, ou plus. Vérifiez l&apos;adresse, ou repartez de la liste des bibliothèques.</p>
      <Link href="/" className="inline-block rounded bg-brand-700 px-4 py-2 font-semibold text-white">
        Voir les bibliothèques
      </Link>
    </div>
  );
}
