// Who is asking, for rate limits: the first address of X-Forwarded-For (set by
// the reverse proxy in production), else X-Real-IP, else "local".
export function clientKey(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || headers.get("x-real-ip")?.trim() || "local").slice(0, 64);
}
