import { AppError } from '../core/app-error.ts';
import type { AirwaveServer, EventHandlers } from '../realtime/socket-handler.ts';
import { streamRoom } from '../rooms/room-names.ts';
import type { WalletNotifier } from '../wallet/wallet-notifier.ts';
import type { GiftsService } from './gifts.service.ts';

interface Deps {
  io: AirwaveServer;
  gifts: GiftsService;
  notifyWallet: WalletNotifier;
  /** Asks for a coalesced top-gifters broadcast to the stream's room. */
  scheduleLeaderboard: (streamId: string) => void;
}

export function giftEvents({ io, gifts, notifyWallet, scheduleLeaderboard }: Deps): EventHandlers {
  return {
    'send-gift': async (socket, payload) => {
      const principal = socket.data.principal;
      if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in to send gifts.');
      if (!socket.data.joined.includes(payload.streamId)) {
        throw new AppError('FORBIDDEN', 'Join the stream before sending gifts to it.');
      }
      const sent = await gifts.send(principal, payload);
      if (!sent.replay) {
        io.to(streamRoom(payload.streamId)).emit('receive-gift', sent.gift);
        notifyWallet(principal.userId);
        scheduleLeaderboard(payload.streamId);
      }
      return { gift: sent.gift, coins: sent.coins };
    },
  };
}
