import { apiRoutes, type BlockList, type RouteSpec } from '@airwave/shared';
import { describe, expect, it } from 'vitest';
import { ApiError, type RouteCaller } from './api.ts';
import { createBlockList } from './blocks.ts';
import { ids } from './testing/fixtures.ts';

const listOf = (...userIds: string[]): BlockList => ({
  items: userIds.map((id) => ({
    user: { id, nickname: `u${id.slice(-1)}`, avatarUrl: null },
    blockedAt: '2026-01-01T10:00:00.000Z',
  })),
});

/** A REST caller playing the server: records each call and answers from `answer`. */
function fakeApi(answer: (spec: RouteSpec, input: unknown) => BlockList) {
  const calls: Array<{ path: string; method: string; input: unknown }> = [];
  const api = (async (spec: RouteSpec, input?: unknown) => {
    calls.push({ path: spec.path, method: spec.method, input });
    return answer(spec, input);
  }) as RouteCaller;
  return { api, calls };
}

describe('the block list', () => {
  it('loads, then takes the whole list each change answers with', async () => {
    const server = fakeApi((spec) =>
      spec === apiRoutes.listBlocks
        ? listOf(ids.viewer)
        : spec === apiRoutes.blockUser
          ? listOf(ids.streamer, ids.viewer)
          : listOf(ids.viewer),
    );
    const list = createBlockList(server.api);
    const changes: number[] = [];
    list.subscribe(() => changes.push(list.getState().ids.size));
    expect(list.getState().status).toBe('loading');
    await list.load();
    expect(list.getState()).toMatchObject({ status: 'ready', ids: new Set([ids.viewer]) });
    await list.block(ids.streamer);
    expect(list.getState().ids).toEqual(new Set([ids.streamer, ids.viewer]));
    await list.unblock(ids.streamer);
    expect(list.getState().ids).toEqual(new Set([ids.viewer]));
    expect(changes).toEqual([1, 2, 1]);
    expect(server.calls.map((c) => [c.method, c.input])).toEqual([
      ['get', undefined],
      ['put', { params: { id: ids.streamer } }],
      ['delete', { params: { id: ids.streamer } }],
    ]);
  });

  it('says a first load failed and rejects with the error for the screen to word', async () => {
    const list = createBlockList(
      fakeApi(() => {
        throw new ApiError(0, 'NETWORK', 'offline');
      }).api,
    );
    await expect(list.load()).rejects.toBeInstanceOf(ApiError);
    expect(list.getState()).toMatchObject({ status: 'failed', items: [] });
  });
});
