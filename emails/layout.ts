// The shared layout of every email. A template describes its content once as a
// list of blocks; this module writes the HTML part (inline styles, table
// layout, every interpolated value escaped) and the plain-text part from it,
// so the two parts always say the same thing.

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only absolute http(s) links go into an href (a template never links to javascript: & co). */
function safeHref(href: string): string {
  if (!/^https?:\/\//i.test(href)) throw new Error(`Lien refusé dans un e-mail : ${href.slice(0, 40)}`);
  return escapeHtml(href);
}

export type Inline = string | { strong: string } | { href: string; label: string };

export type Block =
  | { kind: "p"; parts: Inline[] }
  | { kind: "button"; label: string; href: string }
  | { kind: "details"; rows: Array<[label: string, value: string]> }
  | { kind: "steps"; title: string; items: Inline[][] }
  | { kind: "links"; items: Array<{ label: string; href: string }> }
  | { kind: "note"; parts: Inline[] };

export const p = (...parts: Inline[]): Block => ({ kind: "p", parts });
export const note = (...parts: Inline[]): Block => ({ kind: "note", parts });
export const button = (label: string, href: string): Block => ({ kind: "button", label, href });
export const details = (rows: Array<[string, string]>): Block => ({ kind: "details", rows });
export const steps = (title: string, items: Inline[][]): Block => ({ kind: "steps", title, items });
export const links = (items: Array<{ label: string; href: string }>): Block => ({ kind: "links", items });
export const strong = (text: string): Inline => ({ strong: text });
export const a = (label: string, href: string): Inline => ({ href, label });

const BRAND = "#175740"; // brand-700: 8.9:1 on white
const TEXT = "#1c1917"; // stone-900
const MUTED = "#57534e"; // stone-600: 7.6:1 on white

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return escapeHtml(part);
      if ("strong" in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
      return `<a href="${safeHref(part.href)}" style="color:${BRAND};text-decoration:underline;">${escapeHtml(part.label)}</a>`;
    })
    .join("");
}

function inlineText(parts: Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if ("strong" in part) return part.strong;
      // A link labelled with an address reads as that address (the one to type by hand).
      if (/^https?:\/\//i.test(part.label)) return part.label;
      return `${part.label} (${part.href})`;
    })
    .join("");
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case "p":
      return `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:${TEXT};">${inlineHtml(block.parts)}</p>`;
    case "note":
      return `<p style="margin:0 0 16px;font-size:14px;line-height:1.5;color:${MUTED};">${inlineHtml(block.parts)}</p>`;
    case "button":
      return (
        `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;"><tr>` +
        `<td style="border-radius:6px;background:${BRAND};">` +
        `<a href="${safeHref(block.href)}" style="display:inline-block;padding:12px 20px;font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(block.label)}</a>` +
        `</td></tr></table>`
      );
    case "details":
      return (
        // A real (two-column) data table: row headers, no presentation role.
        `<table cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:0 0 24px;border-collapse:collapse;">` +
        block.rows
          .map(
            ([label, value]) =>
              `<tr><th scope="row" style="padding:6px 12px 6px 0;text-align:left;vertical-align:top;font-size:14px;font-weight:normal;color:${MUTED};white-space:nowrap;">${escapeHtml(label)}</th>` +
              `<td style="padding:6px 0;font-size:16px;color:${TEXT};">${escapeHtml(value)}</td></tr>`,
          )
          .join("") +
        `</table>`
      );
    case "steps":
      return (
        `<p style="margin:0 0 8px;font-size:16px;font-weight:bold;color:${TEXT};">${escapeHtml(block.title)}</p>` +
        `<ul style="margin:0 0 16px;padding-left:20px;font-size:16px;line-height:1.5;color:${TEXT};">` +
        block.items.map((item) => `<li style="margin:0 0 6px;">${inlineHtml(item)}</li>`).join("") +
        `</ul>`
      );
    case "links":
      return (
        `<p style="margin:0 0 16px;font-size:16px;line-height:1.8;">` +
        block.items
          .map((l) => `<a href="${safeHref(l.href)}" style="color:${BRAND};text-decoration:underline;">${escapeHtml(l.label)}</a>`)
          .join("<br>") +
        `</p>`
      );
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case "p":
    case "note":
      return inlineText(block.parts);
    case "button":
      return `${block.label} :\n${block.href}`;
    case "details": {
      return block.rows.map(([label, value]) => `${label} : ${value}`).join("\n");
    }
    case "steps":
      return `${block.title}\n${block.items.map((item) => `- ${inlineText(item)}`).join("\n")}`;
    case "links":
      return block.items.map((l) => `${l.label} :\n${l.href}`).join("\n\n");
  }
}

const FOOTER =
  "Vous recevez ce message parce que cette adresse a été utilisée pour réserver une place avec Strapontin. Merci de ne pas y répondre : cette adresse n'est pas lue.";

export interface LayoutInput {
  subject: string;
  /** Short summary shown by mail clients next to the subject (hidden in the body). */
  preheader: string;
  heading: string;
  blocks: Block[];
}

/** The HTML and plain-text parts of an email. */
export function renderLayout(input: LayoutInput): { html: string; text: string } {
  const body = input.blocks.map(blockHtml).join("\n");
  const html = `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(input.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f5f5f4;">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(input.preheader)}</div>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="background:#f5f5f4;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="max-width:600px;background:#ffffff;border-radius:8px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;">
<tr><td style="padding:20px 24px 0;font-size:18px;font-weight:bold;color:${BRAND};">Strapontin</td></tr>
<tr><td style="padding:16px 24px 8px;">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${TEXT};">${escapeHtml(input.heading)}</h1>
${body}
</td></tr>
<tr><td style="padding:16px 24px 24px;border-top:1px solid #e7e5e4;font-size:13px;line-height:1.5;color:${MUTED};">${escapeHtml(FOOTER)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  const text = [`${input.heading}`, "", ...input.blocks.flatMap((b) => [blockText(b), ""]), "--", "Strapontin", FOOTER, ""].join("\n");
  return { html, text };
}
