import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../http/errors.ts';

/**
 * Keyset paging for the admin lists, newest first. Tables with a serial id page on the id alone;
 * the others on (timestamp, uuid), the timestamp carried as PostgreSQL's own text so no
 * microseconds are lost between pages.
 */
function badCursor(): never {
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor: must be a cursor from a previous page', [
    { path: 'cursor', message: 'must be a cursor from a previous page' },
  ]);
}

export function serialCursor(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw)) badCursor();
  return Number(raw);
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface TimeKey {
  t: string;
  id: string;
}

export function timeCursor(raw: string | undefined): TimeKey | undefined {
  if (raw === undefined) return undefined;
  try {
    const [t, id] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as unknown[];
    if (typeof t === 'string' && TIMESTAMP.test(t) && typeof id === 'string' && UUID.test(id))
      return { t, id };
  } catch {
    // falls through to the validation error
  }
  return badCursor();
}

const encodeTime = (k: TimeKey) => Buffer.from(JSON.stringify([k.t, k.id])).toString('base64url');

/** The text a time cursor carries: select it next to the row. */
export const timeKey = (column: AnyPgColumn) => sql<string>`${column}::text`;

/** Rows strictly after the cursor in (time desc, id desc) order. */
export function afterTime(time: AnyPgColumn, id: AnyPgColumn, cursor: TimeKey | undefined): SQL | undefined {
  return cursor ? sql`(${time}, ${id}) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)` : undefined;
}

/** Cuts the extra row a query fetched (limit + 1) and names the next page's cursor. */
export function pageOf<R, T>(rows: R[], limit: number, map: (r: R) => T, cursorOf: (r: R) => string) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(map), nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

export const serialCursorOf = (r: { id: number }) => String(r.id);
export const timeCursorOf = (r: { sortKey: string; id: string }) => encodeTime({ t: r.sortKey, id: r.id });
