import type { Ack, GiftEvent } from '@airwave/shared';
import { type AirwaveSocket, emitWithAck } from './socket.ts';

/**
 * A fresh key per intended operation, repeated on retries of that same operation. React Native
 * has no `crypto.randomUUID`; there a timestamp and random letters do (the server scopes keys per user).
 */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID().replaceAll('-', '');
  }
  const letters = Array.from({ length: 24 }, () => Math.floor(Math.random() * 36).toString(36));
  return `m${Date.now().toString(36)}${letters.join('')}`.slice(0, 48);
}

export type GiftSendResult = Ack<{ gift: GiftEvent; coins: number }>;

/**
 * Sends gifts to one room with an idempotency key per user intent (this gift, this many): a retry
 * of the same intent after an answer that never came (SERVICE_UNAVAILABLE: the server may have
 * taken it) reuses the key, so it is charged once; a success, a definitive refusal or a different
 * intent starts a new key.
 */
export function createGiftSender(socket: AirwaveSocket, streamId: string) {
  let pending: { intent: string; key: string } | null = null;
  return {
    async send(giftId: string, count: number): Promise<GiftSendResult> {
      const intent = `${giftId}×${count}`;
      if (pending?.intent !== intent) pending = { intent, key: newIdempotencyKey() };
      const res = await emitWithAck(socket, 'send-gift', {
        streamId,
        giftId,
        count,
        idempotencyKey: pending.key,
      });
      if (res.ok || res.error.code !== 'SERVICE_UNAVAILABLE') pending = null;
      return res;
    },
  };
}

export type GiftSender = ReturnType<typeof createGiftSender>;
