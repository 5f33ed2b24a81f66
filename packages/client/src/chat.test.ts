import { type Ack, type ChatMessage, ChatSettings } from '@airwave/shared';
import { describe, expect, it } from 'vitest';
import { actOnMessage, CHAT_TIMEOUT_SECONDS, chatActionsFor, secondsLeft, sendChatMessage } from './chat.ts';
import { fakeSocket } from './testing/fake-socket.ts';
import { chatMessage, ids } from './testing/fixtures.ts';

const slow = ChatSettings.parse({
  slowModeSeconds: 30,
  registeredOnly: false,
  minAccountAgeMinutes: 1440,
  followersOnly: false,
  minFollowAgeMinutes: 0,
  bannedWords: [],
  bannedWordsAction: 'block',
});
const NOW = 1_000_000;

describe('chat sending', () => {
  it('after a send, waits the slow mode unless the sender moderates the room', async () => {
    const server = fakeSocket({ 'send-message': () => ({ ok: true, message: chatMessage(1) }) });
    const viewer = await sendChatMessage(
      server.socket,
      ids.stream,
      'hi',
      { settings: slow, canModerate: false },
      NOW,
    );
    expect(viewer).toMatchObject({ ok: true, nextAllowedAt: NOW + 30_000 });
    const mod = await sendChatMessage(
      server.socket,
      ids.stream,
      'hi',
      { settings: slow, canModerate: true },
      NOW,
    );
    expect(mod.nextAllowedAt).toBe(NOW);
    expect(server.payloads('send-message')).toEqual([
      { streamId: ids.stream, text: 'hi' },
      { streamId: ids.stream, text: 'hi' },
    ]);
  });

  it("after a refusal, waits what the server said (a rate limit's retry-after), else not at all", async () => {
    const blockedAnswer: Ack<{ message: ChatMessage }> = {
      ok: false as const,
      error: { code: 'MESSAGE_BLOCKED', message: 'no' },
    };
    const answers: Ack<{ message: ChatMessage }>[] = [
      {
        ok: false,
        error: { code: 'SLOW_MODE', message: 'wait', details: { retryAfterSeconds: 12 } },
      },
      blockedAnswer,
    ];
    const server = fakeSocket({ 'send-message': () => answers.shift() ?? blockedAnswer });
    const limited = await sendChatMessage(
      server.socket,
      ids.stream,
      'x',
      { settings: null, canModerate: false },
      NOW,
    );
    expect(limited).toMatchObject({ ok: false, nextAllowedAt: NOW + 12_000 });
    const blocked = await sendChatMessage(
      server.socket,
      ids.stream,
      'x',
      { settings: null, canModerate: false },
      NOW,
    );
    expect(blocked).toMatchObject({ ok: false, nextAllowedAt: NOW });
  });
});

describe('chat actions on a message', () => {
  it('each action is the socket call the server expects, against the message or its author', async () => {
    const server = fakeSocket();
    const m = chatMessage(7);
    for (const action of ['delete', 'timeout', 'ban', 'report'] as const)
      await actOnMessage(server.socket, ids.stream, m, action, 'spam');
    expect(server.sent).toEqual([
      { event: 'delete-message', payload: { streamId: ids.stream, messageId: 7 } },
      {
        event: 'moderate-user',
        payload: {
          streamId: ids.stream,
          userId: ids.viewer,
          action: 'timeout',
          durationSeconds: CHAT_TIMEOUT_SECONDS,
        },
      },
      { event: 'moderate-user', payload: { streamId: ids.stream, userId: ids.viewer, action: 'ban' } },
      { event: 'report-message', payload: { streamId: ids.stream, messageId: 7, reason: 'spam' } },
    ]);
  });
});

describe('which chat actions a reader gets', () => {
  const m = chatMessage(7);
  it('moderators get every action, others a report and a block, and nobody acts on their own message or signed out', () => {
    expect(chatActionsFor(m, { userId: ids.streamer, canModerate: true })).toEqual([
      'delete',
      'timeout',
      'ban',
      'report',
      'block',
    ]);
    expect(chatActionsFor(m, { userId: ids.streamer, canModerate: false })).toEqual(['report', 'block']);
    expect(chatActionsFor(m, { userId: ids.viewer, canModerate: true })).toEqual([]);
    expect(chatActionsFor(m, { userId: null, canModerate: false })).toEqual([]);
  });
});

describe('the send countdown', () => {
  it('rounds up to whole seconds and stops at zero', () => {
    expect(secondsLeft(NOW + 30_000, NOW)).toBe(30);
    expect(secondsLeft(NOW + 29_001, NOW)).toBe(30);
    expect(secondsLeft(NOW + 1, NOW)).toBe(1);
    expect(secondsLeft(NOW, NOW)).toBe(0);
    expect(secondsLeft(NOW - 5_000, NOW)).toBe(0);
  });
});
