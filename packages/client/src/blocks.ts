import { apiRoutes, type BlockedUser, type BlockList } from '@airwave/shared';
import type { RouteCaller } from './api.ts';

export interface BlocksState {
  items: BlockedUser[];
  /** The blocked users' ids, for hiding what they wrote (a new set on every change). */
  ids: ReadonlySet<string>;
  status: 'loading' | 'ready' | 'failed';
}

export const NO_BLOCKS: BlocksState = { items: [], ids: new Set(), status: 'ready' };

/**
 * The signed-in user's own block list, as the server last answered it: every change answers with
 * the whole list, so two devices or two tabs never drift apart for longer than one change.
 * Failures reject with the ApiError, for the screen to word.
 */
export function createBlockList(api: RouteCaller) {
  let state: BlocksState = { ...NO_BLOCKS, status: 'loading' };
  const listeners = new Set<() => void>();
  const set = (next: BlocksState) => {
    state = next;
    for (const fn of listeners) fn();
  };
  const take = (list: BlockList) =>
    set({ items: list.items, ids: new Set(list.items.map((b) => b.user.id)), status: 'ready' });

  return {
    subscribe(fn: () => void) {
      listeners.add(fn);
      return () => {
        listeners.delete(fn);
      };
    },
    getState: () => state,
    async load(): Promise<void> {
      try {
        take(await api(apiRoutes.listBlocks));
      } catch (err) {
        if (state.status === 'loading') set({ ...state, status: 'failed' });
        throw err;
      }
    },
    async block(userId: string): Promise<void> {
      take(await api(apiRoutes.blockUser, { params: { id: userId } }));
    },
    async unblock(userId: string): Promise<void> {
      take(await api(apiRoutes.unblockUser, { params: { id: userId } }));
    },
  };
}

export type BlockListClient = ReturnType<typeof createBlockList>;
