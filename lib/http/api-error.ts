// The JSON API's error answers, in one place: every error body is
// {"error":{"code","message",...}} with a French message. DomainError → status
// comes from lib/domain/errors.ts (httpStatusOf); the HTTP-level codes
// (validation_failed, malformed_json, payload_too_large, …) are defined here.
import type { z } from "zod";
import { DomainError, ERROR_MESSAGES, httpStatusOf, isDomainError } from "@/lib/domain/errors";
import { log } from "@/lib/log";
import { fieldErrors } from "@/lib/validation/reservation";

export const HTTP_MESSAGES = {
  validation_failed: "Certains champs sont invalides.",
  malformed_json: "Le corps de la requête n'est pas du JSON valide.",
  payload_too_large: "Le corps de la requête est trop volumineux (10 Ko au plus).",
  unsupported_media_type: "Envoyez le corps en JSON (Content-Type: application/json).",
  not_found: "Ressource introuvable.",
  internal_error: "Une erreur inattendue est survenue. Réessayez dans un instant.",
} as const;

export type HttpErrorCode = keyof typeof HTTP_MESSAGES;

/** Maximum size of a JSON request body, in bytes. */
export const MAX_JSON_BODY_BYTES = 10 * 1024;

const NO_STORE = { "Cache-Control": "no-store" };

export function apiError(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers: { ...NO_STORE, ...headers } });
}

export const httpError = (status: number, code: HttpErrorCode, extra?: Record<string, unknown>) =>
  apiError(status, code, HTTP_MESSAGES[code], extra);

/** 422 with one message per field; the message is the first field's (enough to show when there is one). */
export function validationError(error: z.ZodError): Response {
  const fields = fieldErrors(error);
  const messages = Object.values(fields);
  const message = messages.length === 1 ? messages[0]! : HTTP_MESSAGES.validation_failed;
  return apiError(422, "validation_failed", message, { fields });
}

/** The field a DomainError concerns (set by the use cases in details.field), as a field → message map. */
export function domainErrorFields(e: DomainError): Record<string, string> | undefined {
  const field = e.details.field;
  return typeof field === "string" ? { [field]: e.message } : undefined;
}

/** A DomainError as its HTTP answer (429 carries Retry-After). */
export function domainErrorResponse(e: DomainError): Response {
  const status = httpStatusOf(e.code);
  const extra: Record<string, unknown> = {};
  const fields = domainErrorFields(e);
  if (fields) extra.fields = fields;
  const headers: Record<string, string> = {};
  if (e.code === "rate_limited") {
    const retry = Math.max(1, Number(e.details.retryAfterSeconds) || 60);
    extra.retryAfterSeconds = retry;
    headers["Retry-After"] = String(retry);
  }
  return apiError(status, e.code, e.message || ERROR_MESSAGES[e.code], extra, headers);
}

/** Any thrown value as an answer: a DomainError is a 4xx, anything else is logged and a 500. */
export function errorResponse(e: unknown, context: string): Response {
  if (isDomainError(e)) return domainErrorResponse(e);
  log.error("api: unexpected error", { context, error: e });
  return httpError(500, "internal_error");
}

const isJsonType = (contentType: string | null) => {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
};

/**
 * The parsed JSON body of a request, or the error answer: 415 when it is not
 * JSON, 413 beyond `maxBytes` (checked on Content-Length and while reading, so
 * a lying or absent header cannot get more through), 400 when it does not parse.
 */
export async function readJsonBody(
  req: Request,
  maxBytes = MAX_JSON_BODY_BYTES,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (!isJsonType(req.headers.get("content-type"))) return { ok: false, response: httpError(415, "unsupported_media_type") };
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, response: httpError(413, "payload_too_large") };

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, response: httpError(413, "payload_too_large") };
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, response: httpError(400, "malformed_json") };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: httpError(400, "malformed_json") };
  }
}
