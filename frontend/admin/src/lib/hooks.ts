'use client';
import type { CallArgs } from '@airwave/client';
import type { RouteInput, RouteResponse, RouteSpec } from '@airwave/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAuth } from './auth-context.tsx';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** GETs a route (input null: not yet) as the signed-in staff member; reloads when the input changes. */
export function useResource<R extends RouteSpec>(
  spec: R,
  input: RouteInput<R> | null,
): Resource<RouteResponse<R>> {
  const { api } = useAuth();
  const [data, setData] = useState<RouteResponse<R>>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  // The input as a value, so a new object with the same fields does not fetch again.
  const key = input && JSON.stringify(input);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the input; tick forces a reload
  useEffect(() => {
    if (!key) return;
    let live = true;
    setLoading(true);
    setError(null);
    api(spec, ...([JSON.parse(key)] as CallArgs<R>))
      .then((d) => {
        if (live) setData(d);
      })
      .catch((err: unknown) => {
        if (live) setError(err);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [api, spec, key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

export interface CursorList<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

type Item<R extends RouteSpec> = RouteResponse<R> extends { items: Array<infer T> } ? T : never;

/** A keyset-paged admin list: the first page on load (and when the input changes), then "load more". */
export function useCursorList<R extends RouteSpec>(spec: R, input: RouteInput<R>): CursorList<Item<R>> {
  const { api } = useAuth();
  const [items, setItems] = useState<Item<R>[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (after: string | null, append: boolean) => {
      const gen = append ? generation.current : ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const base = JSON.parse(key) as { query?: object };
        const page = (await api(
          spec,
          ...([after ? { ...base, query: { ...base.query, cursor: after } } : base] as CallArgs<R>),
        )) as { items: Item<R>[]; nextCursor: string | null };
        if (gen !== generation.current) return;
        setItems((prev) => (append ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        if (gen === generation.current) setError(err);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [api, spec, key],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    void fetchPage(null, false);
  }, [fetchPage, tick]);

  return {
    items,
    error,
    loading,
    hasMore: cursor !== null,
    loadMore: () => {
      if (cursor) void fetchPage(cursor, true);
    },
    reload: () => setTick((n) => n + 1),
  };
}
