import type {
  AdminBannedWord,
  AdminBannedWordList,
  AdminModerationLog,
  AdminReportList,
  ApiErrorResponse,
  AuthResponse,
} from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages, messageReports, moderationLog } from '../db/schema/index.ts';
import { adminKit } from '../test/admin-test-kit.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, emitAck } from '../test/test-socket.ts';

let s: TestServer;
let admin: AuthResponse;
let moderator: AuthResponse;
const kit = adminKit(() => s);
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.registerWithRole('admin');
  moderator = await s.registerWithRole('moderator');
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const as = <T>(who: AuthResponse, method: string, path: string, body?: unknown) =>
  s.api<T & ApiErrorResponse>(method, path, { token: who.accessToken, body });

/** A reported message in a live stream, written straight to the tables the chat service fills. */
async function reported(text: string) {
  const { streamer, stream } = await kit.liveStream();
  const author = await s.register();
  const reporter = await s.register();
  const [message] = await s.db
    .insert(chatMessages)
    .values({ streamId: stream.id, authorId: author.user.id, text })
    .returning();
  if (!message) throw new Error('no message');
  const [report] = await s.db
    .insert(messageReports)
    .values({ messageId: message.id, streamId: stream.id, reporterId: reporter.user.id, reason: 'spam link' })
    .returning();
  if (!report) throw new Error('no report');
  await s.db.insert(moderationLog).values({
    streamerId: streamer.user.id,
    streamId: stream.id,
    actorId: reporter.user.id,
    action: 'report',
    targetUserId: author.user.id,
    messageId: message.id,
    reason: 'spam link',
  });
  return { stream, streamer, author, reporter, message, report };
}

describe('reports queue', () => {
  it('lists open reports with the message text, its author and the reporter', async () => {
    const r = await reported('buy followers at example.test');
    const res = await as<AdminReportList>(moderator, 'GET', `/api/admin/reports?streamId=${r.stream.id}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: r.report.id,
        status: 'open',
        reason: 'spam link',
        reporter: { id: r.reporter.user.id, nickname: r.reporter.user.nickname },
        message: expect.objectContaining({
          id: r.message.id,
          text: 'buy followers at example.test',
          author: { id: r.author.user.id, nickname: r.author.user.nickname },
        }),
        resolvedBy: null,
      }),
    ]);
  });

  it('a moderator resolves, an admin dismisses; each once, audited with the note', async () => {
    const one = await reported('first');
    const two = await reported('second');
    const resolve = await as(moderator, 'POST', `/api/admin/reports/${one.report.id}/resolve`, {
      note: 'deleted and warned',
    });
    expect(resolve.status).toBe(204);
    const dismiss = await as(admin, 'POST', `/api/admin/reports/${two.report.id}/dismiss`);
    expect(dismiss.status).toBe(204);

    const again = await as(admin, 'POST', `/api/admin/reports/${one.report.id}/dismiss`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await as(admin, 'POST', '/api/admin/reports/999999999/resolve', {})).status).toBe(404);

    const open = await as<AdminReportList>(admin, 'GET', `/api/admin/reports?streamId=${one.stream.id}`);
    expect(open.body.items).toEqual([]);
    const resolved = await as<AdminReportList>(
      admin,
      'GET',
      `/api/admin/reports?status=resolved&streamId=${one.stream.id}`,
    );
    expect(resolved.body.items[0]).toMatchObject({
      status: 'resolved',
      resolvedBy: { id: moderator.user.id },
      resolvedAt: expect.any(String),
    });
    const [audit] = await kit.audits(String(one.report.id), 'report.resolve');
    expect(audit).toMatchObject({
      actorId: moderator.user.id,
      targetType: 'report',
      reason: 'deleted and warned',
      before: { status: 'open' },
      after: { status: 'resolved', messageId: one.message.id },
    });
    expect(await kit.audits(String(two.report.id), 'report.dismiss')).toHaveLength(1);
  });
});

describe('moderation log', () => {
  it('filters by target, action and stream, with actor and target names, paged', async () => {
    const r = await reported('noise');
    const byTarget = await as<AdminModerationLog>(
      moderator,
      'GET',
      `/api/admin/moderation-log?targetUserId=${r.author.user.id}&action=report`,
    );
    expect(byTarget.status).toBe(200);
    expect(byTarget.body.items).toEqual([
      expect.objectContaining({
        action: 'report',
        streamId: r.stream.id,
        actor: { id: r.reporter.user.id, nickname: r.reporter.user.nickname },
        target: { id: r.author.user.id, nickname: r.author.user.nickname },
        messageId: r.message.id,
      }),
    ]);
    await reported('more noise');
    const page = await as<AdminModerationLog>(admin, 'GET', '/api/admin/moderation-log?limit=1');
    expect(page.body.items).toHaveLength(1);
    const next = await as<AdminModerationLog>(
      admin,
      'GET',
      `/api/admin/moderation-log?limit=1&cursor=${page.body.nextCursor}`,
    );
    expect(next.body.items[0]?.id).toBeLessThan(page.body.items[0]?.id ?? 0);
  });
});

describe('global banned words', () => {
  it('adds (lower-cased) once, blocks the word in every chat, removes, audited', async () => {
    const added = await as<AdminBannedWord>(moderator, 'POST', '/api/admin/banned-words', {
      word: '  FlibberGib ',
      reason: 'new slur',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ word: 'flibbergib', createdBy: { id: moderator.user.id } });
    const dup = await as(admin, 'POST', '/api/admin/banned-words', { word: 'flibbergib' });
    expect(dup.status).toBe(409);
    const list = await as<AdminBannedWordList>(admin, 'GET', '/api/admin/banned-words');
    expect(list.body.items.map((w) => w.word)).toContain('flibbergib');

    const { stream } = await kit.liveStream();
    const { socket } = await kit.viewerIn(stream.id);
    const sent = await emitAck(socket, 'send-message', { streamId: stream.id, text: 'you flibbergib' });
    expect(sent).toMatchObject({ ok: false, error: { code: 'MESSAGE_BLOCKED' } });

    expect((await as(admin, 'DELETE', '/api/admin/banned-words/FLIBBERGIB')).status).toBe(204);
    expect((await as(admin, 'DELETE', '/api/admin/banned-words/flibbergib')).status).toBe(404);
    const audits = await kit.audits('flibbergib');
    expect(audits.map((a) => [a.action, a.actorId, a.reason])).toEqual([
      ['banned-word.remove', admin.user.id, null],
      ['banned-word.add', moderator.user.id, 'new slur'],
    ]);
  });
});
