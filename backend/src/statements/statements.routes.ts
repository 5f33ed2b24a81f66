import type { statementsRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { StatementsService } from './statements.service.ts';

export function statementsHandlers(statements: StatementsService): Handlers<typeof statementsRoutes> {
  return {
    async statement({ principal, query, res }) {
      const csv = await statements.statementCsv(principal.userId, query);
      res.setHeader(
        'content-disposition',
        `attachment; filename="airwave-statement-${query.from}-${query.to}.csv"`,
      );
      res.setHeader('cache-control', 'no-store');
      return { type: 'text/csv; charset=utf-8', data: Buffer.from(csv) };
    },
    receipts: async ({ principal }) => ({ items: await statements.receipts(principal.userId) }),
    adminUserJournal: ({ params, query }) => statements.journal(params.id, query),
  };
}
