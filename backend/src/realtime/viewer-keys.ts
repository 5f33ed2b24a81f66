import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ID_BYTES = 16;
const TAG_BYTES = 16;
const FORMAT = /^([\w-]{22})\.([\w-]{22})$/;

/**
 * Anonymous viewer keys the server issues and signs, so a client cannot make up keys to count as
 * many viewers: `<random id>.<HMAC tag>`. The HMAC key is derived from the JWT secret under its own
 * label, so a viewer key can never pass for a token or the other way round.
 */
export function createViewerKeys(secret: string) {
  const key = createHmac('sha256', secret).update('airwave anonymous viewer key v1').digest();
  const tag = (id: string) => createHmac('sha256', key).update(id).digest().subarray(0, TAG_BYTES);
  return {
    /** A fresh signed key and the id it stands for. */
    issue(): { id: string; token: string } {
      const id = randomBytes(ID_BYTES).toString('base64url');
      return { id, token: `${id}.${tag(id).toString('base64url')}` };
    },
    /** The id of a key this server signed; undefined for anything else (missing, malformed, forged). */
    verify(token: unknown): string | undefined {
      if (typeof token !== 'string') return undefined;
      const m = FORMAT.exec(token);
      if (!m?.[1] || !m[2]) return undefined;
      const given = Buffer.from(m[2], 'base64url');
      return given.length === TAG_BYTES && timingSafeEqual(given, tag(m[1])) ? m[1] : undefined;
    },
  };
}

export type ViewerKeys = ReturnType<typeof createViewerKeys>;
