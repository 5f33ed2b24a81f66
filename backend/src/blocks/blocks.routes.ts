import type { blocksRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { BlocksService } from './blocks.service.ts';

export function blocksHandlers(blocks: BlocksService): Handlers<typeof blocksRoutes> {
  return {
    listBlocks: ({ principal }) => blocks.list(principal.userId),
    blockUser: ({ principal, params }) => blocks.block(principal.userId, params.id),
    unblockUser: ({ principal, params }) => blocks.unblock(principal.userId, params.id),
  };
}
