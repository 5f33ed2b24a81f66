/**
 * Where to go after signing in, from a `?next=` value: a path on this same origin, or `fallback`.
 * Parsed with URL against the page's origin, so every spelling a browser would take to another host
 * (`//evil`, `/\evil`, `\\evil`, a tab inside the slashes) is refused the way the
 * browser itself would read it.
 */
export function safeRedirectPath(next: string | null | undefined, origin: string, fallback = '/'): string {
  if (!next) return fallback;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
