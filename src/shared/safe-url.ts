/**
 * The one gate every URL from the API passes before it reaches an href, a src or location:
 * only absolute http(s) URLs survive. `javascript:`, `data:`, `vbscript:`, protocol-relative
 * (`//evil.example`) and relative URLs are refused, whatever their case, spaces or escapes.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  // Demand the scheme literally: the URL parser forgives leading junk that browsers also forgive.
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** `url` with `params` set in its query; its other query parameters and hash kept. */
export function withQuery(url: string, params: Record<string, string | undefined>): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) parsed.searchParams.set(key, value);
  }
  return parsed.toString();
}
