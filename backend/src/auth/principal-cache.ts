import { LRUCache } from 'lru-cache';

/**
 * How long a session's principal is answered from memory. Every revocation and principal change
 * drops the entry at once on every node (see `forget`), so this only bounds how stale an entry can
 * get when that push is lost (Redis away), and how long a row changed behind the services' back lives.
 */
export const PRINCIPAL_CACHE_TTL_MS = 10_000;

interface Cached<Row> {
  row: Row;
  expiresAt: number;
}

/**
 * The session + user row behind each recently seen session, by user then session, so that dropping
 * a user (logout-all, ban, role change) drops all their sessions in one step.
 */
export function createPrincipalCache<Row>({
  maxUsers = 20_000,
  ttlMs = PRINCIPAL_CACHE_TTL_MS,
}: {
  maxUsers?: number;
  ttlMs?: number;
} = {}) {
  const byUser = new LRUCache<string, Map<string, Cached<Row>>>({ max: maxUsers, ttl: ttlMs });
  // Bumped by every forget: a read that began before a revocation must not store what it read after it.
  let generation = 0;

  return {
    get(userId: string, sessionId: string): Row | undefined {
      const entry = byUser.get(userId)?.get(sessionId);
      return entry && entry.expiresAt > Date.now() ? entry.row : undefined;
    },

    /** Reads through `load`, storing the result unless the user was forgotten while it was read. */
    async load(userId: string, sessionId: string, load: () => Promise<Row | undefined>) {
      const started = generation;
      const row = await load();
      if (row === undefined || started !== generation) return row;
      let sessions = byUser.get(userId);
      if (!sessions) {
        sessions = new Map();
        byUser.set(userId, sessions);
      }
      sessions.set(sessionId, { row, expiresAt: Date.now() + ttlMs });
      return row;
    },

    forget(userId: string) {
      generation++;
      byUser.delete(userId);
    },
  };
}

export type PrincipalCache<Row> = ReturnType<typeof createPrincipalCache<Row>>;
