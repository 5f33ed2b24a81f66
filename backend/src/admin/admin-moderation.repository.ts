import type { AdminModerationEntry, AdminModerationLogQuery, AdminReport } from '@airwave/shared';
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client.ts';
import { chatMessages, globalBannedWords, messageReports, moderationLog, users } from '../db/schema/index.ts';
import { iso, refOrNull } from './admin.mappers.ts';
import { pageOf, serialCursor, serialCursorOf } from './admin-paging.ts';

type ReportStatus = AdminReport['status'];
export type ModerationFilter = Omit<AdminModerationLogQuery, 'limit'> & { limit: number };

export function createAdminModerationRepository(db: Db) {
  return {
    async reports(f: { status: ReportStatus; streamId?: string; cursor?: string; limit: number }) {
      const before = serialCursor(f.cursor);
      const reporter = alias(users, 'reporter');
      const author = alias(users, 'author');
      const resolver = alias(users, 'resolver');
      const rows = await db
        .select({
          report: messageReports,
          reporter: { id: reporter.id, nickname: reporter.nickname },
          author: { id: author.id, nickname: author.nickname },
          resolver: { id: resolver.id, nickname: resolver.nickname },
          message: {
            id: chatMessages.id,
            text: chatMessages.text,
            createdAt: chatMessages.createdAt,
            deletedAt: chatMessages.deletedAt,
          },
        })
        .from(messageReports)
        .innerJoin(chatMessages, eq(chatMessages.id, messageReports.messageId))
        .innerJoin(reporter, eq(reporter.id, messageReports.reporterId))
        .innerJoin(author, eq(author.id, chatMessages.authorId))
        .leftJoin(resolver, eq(resolver.id, messageReports.resolvedBy))
        .where(
          and(
            eq(messageReports.status, f.status),
            f.streamId ? eq(messageReports.streamId, f.streamId) : undefined,
            before !== undefined ? lt(messageReports.id, before) : undefined,
          ),
        )
        .orderBy(desc(messageReports.id))
        .limit(f.limit + 1);
      return pageOf(
        rows,
        f.limit,
        (r): AdminReport => ({
          id: r.report.id,
          status: r.report.status,
          reason: r.report.reason,
          streamId: r.report.streamId,
          reporter: r.reporter,
          message: {
            id: r.message.id,
            text: r.message.text,
            author: r.author,
            createdAt: r.message.createdAt.toISOString(),
            deletedAt: iso(r.message.deletedAt),
          },
          resolvedBy: refOrNull(r.resolver),
          resolvedAt: iso(r.report.resolvedAt),
          createdAt: r.report.createdAt.toISOString(),
        }),
        (r) => serialCursorOf(r.report),
      );
    },

    async lockReport(tx: Tx, id: number) {
      const [row] = await tx.select().from(messageReports).where(eq(messageReports.id, id)).for('update');
      return row;
    },

    async decideReport(tx: Tx, id: number, status: 'resolved' | 'dismissed', by: string) {
      await tx
        .update(messageReports)
        .set({ status, resolvedBy: by, resolvedAt: new Date() })
        .where(eq(messageReports.id, id));
    },

    async log(f: ModerationFilter) {
      const before = serialCursor(f.cursor);
      const actor = alias(users, 'actor');
      const target = alias(users, 'target');
      const rows = await db
        .select({
          entry: moderationLog,
          actor: { id: actor.id, nickname: actor.nickname },
          target: { id: target.id, nickname: target.nickname },
        })
        .from(moderationLog)
        .leftJoin(actor, eq(actor.id, moderationLog.actorId))
        .leftJoin(target, eq(target.id, moderationLog.targetUserId))
        .where(
          and(
            f.streamId ? eq(moderationLog.streamId, f.streamId) : undefined,
            f.streamerId ? eq(moderationLog.streamerId, f.streamerId) : undefined,
            f.actorId ? eq(moderationLog.actorId, f.actorId) : undefined,
            f.targetUserId ? eq(moderationLog.targetUserId, f.targetUserId) : undefined,
            f.action ? eq(moderationLog.action, f.action) : undefined,
            before !== undefined ? lt(moderationLog.id, before) : undefined,
          ),
        )
        .orderBy(desc(moderationLog.id))
        .limit(f.limit + 1);
      return pageOf(
        rows,
        f.limit,
        (r): AdminModerationEntry => ({
          id: r.entry.id,
          action: r.entry.action,
          streamerId: r.entry.streamerId,
          streamId: r.entry.streamId,
          actor: refOrNull(r.actor),
          target: refOrNull(r.target),
          messageId: r.entry.messageId,
          reason: r.entry.reason,
          details: r.entry.details ?? null,
          createdAt: r.entry.createdAt.toISOString(),
        }),
        (r) => serialCursorOf(r.entry),
      );
    },

    async bannedWords() {
      const rows = await db
        .select({
          word: globalBannedWords.word,
          createdAt: globalBannedWords.createdAt,
          createdBy: { id: users.id, nickname: users.nickname },
        })
        .from(globalBannedWords)
        .leftJoin(users, eq(users.id, globalBannedWords.createdBy))
        .orderBy(asc(globalBannedWords.word));
      return rows.map((r) => ({
        word: r.word,
        createdBy: refOrNull(r.createdBy),
        createdAt: r.createdAt.toISOString(),
      }));
    },

    /** True when the word was added, false when it was already on the list. */
    async addBannedWord(tx: Tx, word: string, by: string): Promise<boolean> {
      const rows = await tx
        .insert(globalBannedWords)
        .values({ word, createdBy: by })
        .onConflictDoNothing()
        .returning({ word: globalBannedWords.word });
      return rows.length > 0;
    },

    async removeBannedWord(tx: Tx, word: string): Promise<boolean> {
      const rows = await tx
        .delete(globalBannedWords)
        .where(eq(globalBannedWords.word, word))
        .returning({ word: globalBannedWords.word });
      return rows.length > 0;
    },
  };
}

export type AdminModerationRepository = ReturnType<typeof createAdminModerationRepository>;
