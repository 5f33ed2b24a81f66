import { SendGiftPayload } from '@airwave/shared';
import { describe, expect, it } from 'vitest';
import { createGiftSender, type GiftSendResult } from './gifts.ts';
import { fakeSocket } from './testing/fake-socket.ts';
import { giftEvent, ids } from './testing/fixtures.ts';

const lost: GiftSendResult = {
  ok: false,
  error: { code: 'SERVICE_UNAVAILABLE', message: 'No answer from the server.' },
};
const poor: GiftSendResult = { ok: false, error: { code: 'INSUFFICIENT_FUNDS', message: 'no' } };
const sent: GiftSendResult = { ok: true, gift: giftEvent(1), coins: 9 };
const other = '00000000-0000-4000-8000-000000000099';

function setup(answers: GiftSendResult[]) {
  const server = fakeSocket({ 'send-gift': () => answers.shift() ?? sent });
  const keys = () => server.payloads('send-gift').map((p) => SendGiftPayload.parse(p).idempotencyKey);
  return { sender: createGiftSender(server.socket, ids.stream), keys };
}

describe('gift sending', () => {
  it('retries one intent with one key after a lost answer, and takes a new key after success', async () => {
    const t = setup([lost, lost, sent]);
    expect((await t.sender.send(ids.gift, 5)).ok).toBe(false);
    await t.sender.send(ids.gift, 5);
    expect((await t.sender.send(ids.gift, 5)).ok).toBe(true);
    await t.sender.send(ids.gift, 5);
    const [a, b, c, d] = t.keys();
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(d).not.toBe(c);
  });

  it('a definitive refusal or another gift or count is a new intent, with a new key', async () => {
    const t = setup([poor, lost, lost]);
    await t.sender.send(ids.gift, 1);
    await t.sender.send(ids.gift, 1);
    await t.sender.send(other, 1);
    const [refused, afterRefusal, otherGift] = t.keys();
    expect(afterRefusal).not.toBe(refused);
    expect(otherGift).not.toBe(afterRefusal);
    await t.sender.send(other, 10);
    expect(t.keys()[3]).not.toBe(otherGift);
  });
});
