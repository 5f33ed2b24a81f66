/**
 * Runs `task(key)` at most once per `intervalMs` per key: at once if the key was quiet, else once
 * at the end of the interval however many times it was asked for meanwhile. Used to coalesce
 * room broadcasts (viewer counts, leaderboards) under bursts.
 */
export function createKeyedThrottle(
  intervalMs: number,
  task: (key: string) => Promise<void>,
  onError: (err: unknown) => void,
) {
  const pending = new Map<string, NodeJS.Timeout>();
  const lastRun = new Map<string, number>();
  return {
    schedule(key: string) {
      if (pending.has(key)) return;
      const wait = Math.max(0, (lastRun.get(key) ?? 0) + intervalMs - Date.now());
      pending.set(
        key,
        setTimeout(() => {
          pending.delete(key);
          lastRun.set(key, Date.now());
          task(key).catch(onError);
        }, wait),
      );
    },
    forget(key: string) {
      clearTimeout(pending.get(key));
      pending.delete(key);
      lastRun.delete(key);
    },
    stop() {
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
    },
  };
}
