import type {
  AdminBannedWord,
  AdminBannedWordList,
  AdminModerationLog,
  AdminReportList,
  Principal,
} from '@airwave/shared';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError } from '../core/app-error.ts';
import type { Db } from '../db/client.ts';
import type { AdminModerationRepository, ModerationFilter } from './admin-moderation.repository.ts';

interface Deps {
  db: Db;
  repo: AdminModerationRepository;
}

/**
 * The global moderation desk: reports, the moderation log and the global banned-words list.
 * Chat nodes re-read the word list within seconds (see chat.service.ts), not at once.
 */
export function createAdminModerationService({ db, repo }: Deps) {
  return {
    reports: (f: Parameters<AdminModerationRepository['reports']>[0]): Promise<AdminReportList> =>
      repo.reports(f),

    /** Closes an open report once; deciding it again is a CONFLICT. */
    async decide(actor: Principal, id: number, status: 'resolved' | 'dismissed', note?: string) {
      await db.transaction(async (tx) => {
        const report = await repo.lockReport(tx, id);
        if (!report) throw new AppError('NOT_FOUND', 'No such report.');
        if (report.status !== 'open')
          throw new AppError('CONFLICT', `This report was already ${report.status}.`);
        await repo.decideReport(tx, id, status, actor.userId);
        await recordAudit(tx, {
          actorId: actor.userId,
          action: status === 'resolved' ? 'report.resolve' : 'report.dismiss',
          targetType: 'report',
          targetId: String(id),
          before: { status: 'open' },
          after: { status, messageId: report.messageId, streamId: report.streamId },
          reason: note,
        });
      });
    },

    log: (f: ModerationFilter): Promise<AdminModerationLog> => repo.log(f),

    async bannedWords(): Promise<AdminBannedWordList> {
      return { items: await repo.bannedWords() };
    },

    async addBannedWord(actor: Principal, word: string, reason?: string): Promise<AdminBannedWord> {
      await db.transaction(async (tx) => {
        if (!(await repo.addBannedWord(tx, word, actor.userId)))
          throw new AppError('CONFLICT', `"${word}" is already on the list.`);
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'banned-word.add',
          targetType: 'banned_word',
          targetId: word,
          before: null,
          after: { word },
          reason,
        });
      });
      const added = (await repo.bannedWords()).find((w) => w.word === word);
      if (!added) throw new AppError('CONFLICT', `"${word}" was removed again.`);
      return added;
    },

    async removeBannedWord(actor: Principal, word: string): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await repo.removeBannedWord(tx, word)))
          throw new AppError('NOT_FOUND', `"${word}" is not on the list.`);
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'banned-word.remove',
          targetType: 'banned_word',
          targetId: word,
          before: { word },
          after: null,
        });
      });
    },
  };
}

export type AdminModerationService = ReturnType<typeof createAdminModerationService>;
