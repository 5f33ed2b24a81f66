import { type AuthResponse, type ChatMessage, errorDetailsOf, type Stream } from '@airwave/shared';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { globalBannedWords, messageReports, moderationLog } from '../db/schema/index.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  nextEvent,
  ok,
  type TestSocket,
} from '../test/test-socket.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  await s.db.insert(globalBannedWords).values({ word: 'globalslur' });
});
afterEach(closeAllSockets);
afterAll(() => s.close());

interface Room {
  stream: Stream;
  streamer: AuthResponse;
  host: TestSocket;
  viewer: AuthResponse;
  watcher: TestSocket;
}

/** A live stream with its streamer and one signed-in viewer, both joined. */
async function liveRoom(): Promise<Room> {
  const streamer = await s.register();
  const stream = (
    await s.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'Chat test', category: 'just-chatting' },
    })
  ).body;
  const viewer = await s.register();
  const host = await connectSocket(s.url, { token: streamer.accessToken });
  const watcher = await connectSocket(s.url, { token: viewer.accessToken });
  await ok(host, 'join-stream', { streamId: stream.id });
  await ok(watcher, 'join-stream', { streamId: stream.id });
  return { stream, streamer, host, viewer, watcher };
}

async function joined(token: string | undefined, streamId: string) {
  const socket = await connectSocket(s.url, token ? { token } : {});
  await ok(socket, 'join-stream', { streamId });
  return socket;
}

const code = async (p: Promise<unknown>) => ((await p) as { error?: { code: string } }).error?.code;

async function logActions(streamId: string) {
  return (await s.db.select().from(moderationLog).where(eq(moderationLog.streamId, streamId))).map(
    (r) => r.action,
  );
}

describe('sending messages', () => {
  it('fans a message out to everyone in the room, trimmed and stored as plain text', async () => {
    const { stream, host, watcher } = await liveRoom();
    const anon = await joined(undefined, stream.id);
    const text = '  <b>hi</b> 👋 привет  ';
    const received = [host, anon].map((sock) => nextEvent(sock, 'receive-message'));
    const { message } = await ok(watcher, 'send-message', { streamId: stream.id, text });
    expect(message.text).toBe('<b>hi</b> 👋 привет');
    for (const got of await Promise.all(received)) expect(got).toEqual(message);

    const late = await connectSocket(s.url);
    const history = await ok(late, 'join-stream', { streamId: stream.id });
    expect(history.messages.at(-1)).toEqual(message);
    expect((await s.api<Stream>('GET', `/api/streams/${stream.id}`)).body).toMatchObject({
      chatMessagesCount: 1,
    });
  });

  it('badges the streamer, and replays what a re-joining client missed', async () => {
    const { stream, host, watcher } = await liveRoom();
    const first = (await ok(watcher, 'send-message', { streamId: stream.id, text: 'one' })).message;
    const second = (await ok(host, 'send-message', { streamId: stream.id, text: 'two' })).message;
    expect(second.author.badge).toBe('streamer');
    expect(first.author.badge).toBeNull();
    const back = await connectSocket(s.url);
    const missed = await ok(back, 'join-stream', { streamId: stream.id, sinceMessageId: first.id });
    expect(missed.messages.map((m: ChatMessage) => m.id)).toEqual([second.id]);
  });

  it('refuses anonymous writers, sockets outside the room, bad payloads and ended streams', async () => {
    const { stream, streamer, watcher } = await liveRoom();
    const anon = await joined(undefined, stream.id);
    expect(await code(emitAck(anon, 'send-message', { streamId: stream.id, text: 'hi' }))).toBe(
      'UNAUTHENTICATED',
    );
    const outsider = await connectSocket(s.url, { token: (await s.register()).accessToken });
    expect(await code(emitAck(outsider, 'send-message', { streamId: stream.id, text: 'hi' }))).toBe(
      'FORBIDDEN',
    );
    for (const bad of [
      { streamId: stream.id, text: '   ' },
      { streamId: stream.id, text: 'x'.repeat(501) },
      { streamId: 'not-a-uuid', text: 'hi' },
      { streamId: stream.id, text: 'hi', html: true },
      { streamId: stream.id, text: 42 },
      null,
    ]) {
      expect(await code(emitAck(watcher, 'send-message', bad))).toBe('VALIDATION_FAILED');
    }
    await s.api('POST', `/api/streams/${stream.id}/end`, { token: streamer.accessToken });
    expect(await code(emitAck(watcher, 'send-message', { streamId: stream.id, text: 'bye' }))).toBe(
      'STREAM_NOT_LIVE',
    );
  });

  it('limits a user to 3 messages per 2 s with the time to wait; the streamer is exempt', async () => {
    const { stream, host, watcher } = await liveRoom();
    for (let i = 0; i < 3; i++) await ok(watcher, 'send-message', { streamId: stream.id, text: `m${i}` });
    const limited = await emitAck(watcher, 'send-message', { streamId: stream.id, text: 'm3' });
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const wait = (limited as { error: { details: { retryAfterSeconds: number } } }).error.details
      .retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);
    for (let i = 0; i < 8; i++) await ok(host, 'send-message', { streamId: stream.id, text: `host ${i}` });
  });
});

describe('moderation', () => {
  it('the streamer deletes a message: every client is told and history drops it', async () => {
    const { stream, host, watcher } = await liveRoom();
    const other = await joined((await s.register()).accessToken, stream.id);
    const { message } = await ok(watcher, 'send-message', { streamId: stream.id, text: 'spam spam' });
    expect(await code(emitAck(other, 'delete-message', { streamId: stream.id, messageId: message.id }))).toBe(
      'FORBIDDEN',
    );
    const gone = [watcher, other].map((sock) => nextEvent(sock, 'message-deleted'));
    await ok(host, 'delete-message', { streamId: stream.id, messageId: message.id, reason: 'spam' });
    for (const got of await Promise.all(gone))
      expect(got).toEqual({ streamId: stream.id, messageId: message.id });
    const history = await ok(await connectSocket(s.url), 'join-stream', { streamId: stream.id });
    expect(history.messages).toEqual([]);
    expect(await logActions(stream.id)).toEqual(['delete-message']);
  });

  it('a timeout silences the user until it runs out, and the user is told', async () => {
    const { stream, host, viewer, watcher } = await liveRoom();
    const told = nextEvent(watcher, 'chat-restricted');
    const { restriction } = await ok(host, 'moderate-user', {
      streamId: stream.id,
      userId: viewer.user.id,
      action: 'timeout',
      durationSeconds: 1,
      reason: 'calm down',
    });
    expect(await told).toEqual(restriction);
    expect(restriction).toMatchObject({ kind: 'timeout', reason: 'calm down' });
    const refused = await emitAck(watcher, 'send-message', { streamId: stream.id, text: 'hey' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CHAT_TIMED_OUT', details: { retryAfterSeconds: 1 } },
    });
    await new Promise((r) => setTimeout(r, 1100));
    await ok(watcher, 'send-message', { streamId: stream.id, text: 'back again' });
  });

  it('a ban holds until unban; the join ack shows the standing', async () => {
    const { stream, host, viewer, watcher } = await liveRoom();
    await ok(host, 'moderate-user', {
      streamId: stream.id,
      userId: viewer.user.id,
      action: 'ban',
      reason: 'abuse',
    });
    expect(await code(emitAck(watcher, 'send-message', { streamId: stream.id, text: 'hey' }))).toBe(
      'CHAT_BANNED',
    );
    const rejoin = await ok(await connectSocket(s.url, { token: viewer.accessToken }), 'join-stream', {
      streamId: stream.id,
    });
    expect(rejoin.you.restriction).toMatchObject({ kind: 'ban', until: null, reason: 'abuse' });
    const told = nextEvent(watcher, 'chat-restricted');
    await ok(host, 'moderate-user', { streamId: stream.id, userId: viewer.user.id, action: 'unban' });
    expect(await told).toMatchObject({ kind: 'unban' });
    await ok(watcher, 'send-message', { streamId: stream.id, text: 'thanks' });
    expect(await logActions(stream.id)).toEqual(['ban', 'unban']);
  });

  it('refuses moderation by viewers, on another streamer’s channel, on the streamer, and out of range', async () => {
    const { stream, streamer, viewer, watcher, host } = await liveRoom();
    const other = await liveRoom();
    const victim = { streamId: stream.id, userId: viewer.user.id, action: 'ban' as const };
    expect(await code(emitAck(other.watcher, 'moderate-user', victim))).toBe('FORBIDDEN');
    // A streamer is not a moderator of someone else's channel.
    expect(await code(emitAck(other.host, 'moderate-user', victim))).toBe('FORBIDDEN');
    expect(
      await code(
        emitAck(watcher, 'moderate-user', { streamId: stream.id, userId: streamer.user.id, action: 'ban' }),
      ),
    ).toBe('FORBIDDEN');
    for (const durationSeconds of [0, 14 * 86_400 + 1]) {
      expect(
        await code(
          emitAck(host, 'moderate-user', { ...victim, action: 'timeout', durationSeconds } as unknown),
        ),
      ).toBe('VALIDATION_FAILED');
    }
    expect(
      await code(
        emitAck(host, 'moderate-user', { streamId: stream.id, userId: streamer.user.id, action: 'ban' }),
      ),
    ).toBe('FORBIDDEN');
    expect(await code(emitAck(host, 'moderate-user', { ...victim, action: 'unban' }))).toBe('NOT_FOUND');
  });

  it('slow mode: one message per N seconds for viewers, announced to the room', async () => {
    const { stream, host, watcher } = await liveRoom();
    const announced = nextEvent(watcher, 'chat-settings');
    await ok(host, 'update-chat-settings', { streamId: stream.id, slowModeSeconds: 5 });
    expect((await announced).settings.slowModeSeconds).toBe(5);
    await ok(watcher, 'send-message', { streamId: stream.id, text: 'first' });
    const slowed = await emitAck(watcher, 'send-message', { streamId: stream.id, text: 'second' });
    expect(slowed).toMatchObject({ ok: false, error: { code: 'SLOW_MODE' } });
    expect(
      (slowed as { error: { details: { retryAfterSeconds: number } } }).error.details.retryAfterSeconds,
    ).toBeGreaterThan(3);
    await ok(host, 'send-message', { streamId: stream.id, text: 'streamer is exempt' });
    await ok(host, 'send-message', { streamId: stream.id, text: 'still exempt' });
    expect(
      await code(emitAck(watcher, 'update-chat-settings', { streamId: stream.id, slowModeSeconds: 0 })),
    ).toBe('FORBIDDEN');
    expect(await logActions(stream.id)).toEqual(['slow-mode']);
  });

  it('banned words block or mask on word boundaries; the global list applies everywhere', async () => {
    const { stream, host, watcher } = await liveRoom();
    await ok(host, 'update-chat-settings', { streamId: stream.id, bannedWords: ['Heck'] });
    expect(await code(emitAck(watcher, 'send-message', { streamId: stream.id, text: 'what the HECK' }))).toBe(
      'MESSAGE_BLOCKED',
    );
    await ok(watcher, 'send-message', { streamId: stream.id, text: 'Checkmate' });
    expect(
      await code(emitAck(watcher, 'send-message', { streamId: stream.id, text: 'you globalslur' })),
    ).toBe('MESSAGE_BLOCKED');
    await ok(host, 'update-chat-settings', { streamId: stream.id, bannedWordsAction: 'mask' });
    await new Promise((r) => setTimeout(r, 2000)); // past the 3-per-2 s message limit
    const masked = await ok(watcher, 'send-message', { streamId: stream.id, text: 'heck, globalslur!' });
    expect(masked.message.text).toBe('****, **********!');
  });

  it('registered-only mode keeps accounts younger than the channel chooses out (a day by default), and says until when', async () => {
    const { stream, host, watcher } = await liveRoom();
    const settings = await ok(host, 'update-chat-settings', { streamId: stream.id, registeredOnly: true });
    expect(settings.settings.minAccountAgeMinutes).toBe(1440);
    const refused = await emitAck(watcher, 'send-message', { streamId: stream.id, text: 'hello' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ACCOUNT_TOO_NEW' } });
    if (refused.ok) throw new Error('the message went through');
    const details = errorDetailsOf(refused.error, 'ACCOUNT_TOO_NEW');
    expect(details?.minAccountAgeMinutes).toBe(1440);
    const waitMs = Date.parse(details?.writableAt ?? '') - Date.now();
    expect(waitMs).toBeGreaterThan(1439 * 60_000);
    expect(waitMs).toBeLessThanOrEqual(1440 * 60_000);

    // The streamer lowers the gate to zero: the same account writes at once.
    await ok(host, 'update-chat-settings', { streamId: stream.id, minAccountAgeMinutes: 0 });
    await ok(watcher, 'send-message', { streamId: stream.id, text: 'hello' });
    // Out of range is refused by the contract.
    expect(
      await code(
        emitAck(host, 'update-chat-settings', { streamId: stream.id, minAccountAgeMinutes: 50_000 }),
      ),
    ).toBe('VALIDATION_FAILED');
  });

  it('the streamer appoints a channel moderator who can then delete and time out', async () => {
    const { stream, host, watcher, viewer } = await liveRoom();
    const helper = await s.register();
    const helperSocket = await joined(helper.accessToken, stream.id);
    expect(
      await code(
        emitAck(watcher, 'set-moderator', { streamId: stream.id, userId: helper.user.id, enabled: true }),
      ),
    ).toBe('FORBIDDEN');
    await ok(host, 'set-moderator', { streamId: stream.id, userId: helper.user.id, enabled: true });
    const { message } = await ok(watcher, 'send-message', { streamId: stream.id, text: 'rude' });
    await ok(helperSocket, 'delete-message', { streamId: stream.id, messageId: message.id });
    await ok(helperSocket, 'moderate-user', {
      streamId: stream.id,
      userId: viewer.user.id,
      action: 'timeout',
      durationSeconds: 60,
    });
    const badge = (await ok(helperSocket, 'send-message', { streamId: stream.id, text: 'behave' })).message
      .author.badge;
    expect(badge).toBe('moderator');
    await ok(host, 'set-moderator', { streamId: stream.id, userId: helper.user.id, enabled: false });
    expect(
      await code(
        emitAck(helperSocket, 'moderate-user', {
          streamId: stream.id,
          userId: viewer.user.id,
          action: 'unban',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await logActions(stream.id)).toEqual([
      'add-moderator',
      'delete-message',
      'timeout',
      'remove-moderator',
    ]);
  });

  it('a global moderator can act in any channel', async () => {
    const { stream, viewer } = await liveRoom();
    const mod = await s.registerWithRole('moderator');
    const modSocket = await joined(mod.accessToken, stream.id);
    const r = await ok(modSocket, 'moderate-user', {
      streamId: stream.id,
      userId: viewer.user.id,
      action: 'ban',
    });
    expect(r.restriction.kind).toBe('ban');
  });

  it('users report a message once; the report reaches the moderation log', async () => {
    const { stream, host, watcher } = await liveRoom();
    const { message } = await ok(host, 'send-message', { streamId: stream.id, text: 'buy followers here' });
    await ok(watcher, 'report-message', { streamId: stream.id, messageId: message.id, reason: 'spam link' });
    await ok(watcher, 'report-message', { streamId: stream.id, messageId: message.id, reason: 'spam link' });
    expect(
      await code(
        emitAck(host, 'report-message', { streamId: stream.id, messageId: message.id, reason: 'not really' }),
      ),
    ).toBe('CONFLICT');
    expect(
      await code(
        emitAck(watcher, 'report-message', {
          streamId: stream.id,
          messageId: 999_999_999,
          reason: 'not really',
        }),
      ),
    ).toBe('NOT_FOUND');
    const reports = await s.db.select().from(messageReports).where(eq(messageReports.messageId, message.id));
    expect(reports).toHaveLength(1);
    expect(await logActions(stream.id)).toEqual(['report']);
  });
});
