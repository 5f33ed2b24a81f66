import type { adminModerationRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { AdminModerationService } from './admin-moderation.service.ts';

/** /api/admin reports, moderation log and banned words: for moderators and admins. */
export function adminModerationHandlers(
  service: AdminModerationService,
): Handlers<typeof adminModerationRoutes> {
  return {
    reports: ({ query }) => service.reports(query),
    resolveReport: ({ principal, params, body }) =>
      service.decide(principal, params.id, 'resolved', body.note),
    dismissReport: ({ principal, params, body }) =>
      service.decide(principal, params.id, 'dismissed', body.note),
    moderationLog: ({ query }) => service.log(query),
    bannedWords: () => service.bannedWords(),
    addBannedWord: ({ principal, body }) => service.addBannedWord(principal, body.word, body.reason),
    removeBannedWord: ({ principal, params }) => service.removeBannedWord(principal, params.word),
  };
}
