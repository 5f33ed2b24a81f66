import { BlockList } from '../blocks.ts';
import { UserIdParams } from '../users.ts';
import { route } from './route.ts';

/**
 * Blocking: a user's blocks are theirs alone. The blocked user is never told, and nothing any route
 * answers them differs because of it.
 */
export const blocksRoutes = {
  listBlocks: route({
    method: 'get',
    path: '/api/blocks',
    summary: 'The users the signed-in user has blocked',
    auth: 'user',
    response: BlockList,
  }),
  blockUser: route({
    method: 'put',
    path: '/api/blocks/:id',
    summary: 'Block a user: their chat is hidden from you and they cannot gift your streams (idempotent)',
    auth: 'user',
    params: UserIdParams,
    labels: { params: 'user id' },
    response: BlockList,
  }),
  unblockUser: route({
    method: 'delete',
    path: '/api/blocks/:id',
    summary: 'Unblock a user (idempotent)',
    auth: 'user',
    params: UserIdParams,
    labels: { params: 'user id' },
    response: BlockList,
  }),
};
