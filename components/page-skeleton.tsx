/** The loading.tsx skeleton: a title, a bar and a grid of cards. */
export function PageSkeleton() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse space-y-4">
      <p className="sr-only">Chargement…</p>
      <div className="h-8 w-2/3 rounded bg-stone-200" />
      <div className="h-10 rounded bg-stone-200" />
      <div className="grid gap-3 sm:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-28 rounded-lg bg-stone-200" />
        ))}
      </div>
    </div>
  );
}
