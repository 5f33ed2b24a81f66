import {
  JournalPage,
  JournalQuery,
  MyLimits,
  ReceiptList,
  SetGiftLimitBody,
  StatementQuery,
} from '../limits.ts';
import { UserIdParams } from '../users.ts';
import { admins, route } from './route.ts';

/** Spending limits the signed-in user is under, and the cap they set for themselves. */
export const limitsRoutes = {
  myLimits: route({
    method: 'get',
    path: '/api/limits',
    summary: "The signed-in user's purchase and gift limits: caps, used so far, when they reset",
    auth: 'user',
    response: MyLimits,
  }),
  setGiftLimit: route({
    method: 'put',
    path: '/api/limits/gift-daily',
    summary: 'Set your own daily gift cap: lower applies at once, higher only after a cooling-off period',
    auth: 'user',
    body: SetGiftLimitBody,
    labels: { body: 'gift limit' },
    response: MyLimits,
  }),
};

/** What happened to a user's money, for the user (statements, receipts) and for admins (journal). */
export const statementsRoutes = {
  statement: route({
    method: 'get',
    path: '/api/wallet/statement',
    summary: 'A CSV statement of your beans for a period: gifts received, settlements, payouts',
    auth: 'user',
    query: StatementQuery,
    response: {
      raw: ['text/csv'],
      what: 'statement',
      description: 'CSV (RFC 4180), UTF-8 with a header row; text cells are safe to open in spreadsheets',
    },
  }),
  receipts: route({
    method: 'get',
    path: '/api/payments/receipts',
    summary: 'Receipts for your coin purchases, newest first (the last 100)',
    auth: 'user',
    response: ReceiptList,
  }),
  adminUserJournal: route({
    method: 'get',
    path: '/api/admin/users/:id/journal',
    summary: "A user's full ledger journal, newest first, by keyset pages",
    auth: admins,
    params: UserIdParams,
    query: JournalQuery,
    labels: { params: 'user id' },
    response: JournalPage,
  }),
};
