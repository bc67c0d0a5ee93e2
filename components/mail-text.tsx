// The plain-text part of an email, with its http(s) addresses made clickable.
const URL_RE = /(https?:\/\/[^\s<>"]+)/g;

export function MailText({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  return (
    <pre className="whitespace-pre-wrap break-words rounded border border-stone-300 bg-white p-4 font-mono text-sm text-stone-900">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="text-brand-700 underline" rel="noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}
