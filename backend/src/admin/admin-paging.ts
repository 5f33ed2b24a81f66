import { Id } from '@airwave/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { decodeCursor, encodeCursor, invalidCursor } from '../db/keyset-cursor.ts';

/**
 * Keyset paging for the admin lists, newest first. Tables with a serial id page on the id alone;
 * the others on (timestamp, uuid), the timestamp carried as PostgreSQL's own text so no
 * microseconds are lost between pages.
 */
const SerialCursor = z.string().regex(/^\d{1,15}$/);

export function serialCursor(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  return SerialCursor.safeParse(raw).success ? Number(raw) : invalidCursor();
}

/** PostgreSQL's own `timestamptz::text`, as selected by {@link timeKey}. */
const PG_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:[+-](\d{2})(?::?(\d{2}))?|Z)$/;

/** The shape alone lets through `2024-02-31` or hour 99, which the `::timestamptz` cast then fails on. */
function isRealTimestamp(text: string): boolean {
  const parts = PG_TIMESTAMP.exec(text);
  if (!parts) return false;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, offH = 0, offM = 0] = parts
    .slice(1)
    .map((p) => Number(p ?? 0));
  const day = new Date(Date.UTC(y, mo - 1, d));
  const realDay = day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
  return realDay && y >= 1900 && h < 24 && mi < 60 && s < 60 && offH <= 15 && offM < 60;
}
const TimeCursor = z.tuple([z.string().refine(isRealTimestamp), Id]);
type TimeKey = { t: string; id: string };

export function timeCursor(raw: string | undefined): TimeKey | undefined {
  if (raw === undefined) return undefined;
  const [t, id] = decodeCursor(TimeCursor, raw);
  return { t, id };
}

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
export const timeCursorOf = (r: { sortKey: string; id: string }) => encodeCursor([r.sortKey, r.id]);
