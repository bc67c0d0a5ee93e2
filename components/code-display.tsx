/** The QR code and the establishment code under it, as on the poster and the kiosk. */
export function CodeDisplay({ code, qrSvg, className = "" }: { code: string; qrSvg: string; className?: string }) {
  return (
    <>
      <div
        role="img"
        aria-label={`QR code ouvrant la page de validation de présence avec le code ${code}`}
        data-testid="qr-code"
        className={`w-72 max-w-full sm:w-96 [&>svg]:h-auto [&>svg]:w-full ${className}`}
        // The SVG comes from the qrcode package (our own input: APP_URL and the code).
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <p className="space-y-1">
        <span className="block text-lg text-stone-700">Code de l&apos;établissement</span>
        <span data-testid="establishment-code" className="block font-mono text-7xl font-bold tracking-[0.2em]">
          {code}
        </span>
      </p>
    </>
  );
}
