import type { AuthResponse, Stream } from '@airwave/shared';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog } from '../db/schema/index.ts';
import type { TestServer } from './test-server.ts';
import { connectSocket, ok } from './test-socket.ts';

/** Test helpers shared by the admin suites (not a test file itself). */
export function adminKit(s: () => TestServer) {
  return {
    async liveStream(title = 'admin test') {
      const streamer = await s().register();
      const res = await s().api<Stream>('POST', '/api/streams', {
        token: streamer.accessToken,
        body: { title, category: 'just-chatting' },
      });
      if (res.status !== 201) throw new Error(`go live failed: ${res.status}`);
      return { streamer, stream: res.body };
    },

    async viewerIn(streamId: string, account?: AuthResponse) {
      const viewer = account ?? (await s().register());
      const socket = await connectSocket(s().url, { token: viewer.accessToken });
      await ok(socket, 'join-stream', { streamId });
      return { viewer, socket };
    },

    /** The audit rows about one target, newest first. */
    async audits(targetId: string, action?: string) {
      return s()
        .db.select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, targetId), action ? eq(auditLog.action, action) : undefined))
        .orderBy(desc(auditLog.id));
    },
  };
}
