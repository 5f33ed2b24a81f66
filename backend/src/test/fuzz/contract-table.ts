import {
  AdminAdjustBalanceBody,
  AdminAuditQuery,
  AdminBanBody,
  AdminBannedWordBody,
  AdminDashboardQuery,
  AdminEndStreamBody,
  AdminModerationLogQuery,
  AdminPageQuery,
  AdminPaymentsQuery,
  AdminReasonBody,
  AdminReportDecisionBody,
  AdminReportsQuery,
  AdminRoleBody,
  AdminStreamsQuery,
  AdminSuspendBody,
  AdminUsersQuery,
  BannedWordParams,
  ChangePasswordBody,
  CheckoutBody,
  type ClientToServerEvents,
  CoinPackageInput,
  CoinPackageParams,
  CoinPackagePatch,
  CreateStreamBody,
  DeleteMessagePayload,
  DevCompleteBody,
  EndStreamBody,
  GiftTypeInput,
  GiftTypePatch,
  IdParams,
  JoinStreamPayload,
  ListStreamsQuery,
  LoginBody,
  LogoutBody,
  ModerateUserPayload,
  PayoutBody,
  RefreshAuthPayload,
  RefreshBody,
  RegisterBody,
  ReportIdParams,
  ReportMessagePayload,
  RtcQualityPayload,
  RtcSignalPayload,
  SendGiftPayload,
  SendMessagePayload,
  SetModeratorPayload,
  StreamRef,
  TopGiftersQuery,
  UpdateChatSettingsPayload,
  UpdateMeBody,
  UpdateStreamBody,
  WalletHistoryQuery,
} from '@airwave/shared';
import { z } from 'zod';

/**
 * The contract schema behind each part of every route the app serves. The fuzz test generates
 * requests from these and fails when the app serves a route this table does not name (or names
 * one the app no longer serves), so a new route cannot go unfuzzed.
 */
export interface RouteInputs {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body is a Stripe event, signed with the webhook secret. */
  stripeSigned?: true;
}

const none = z.object({}).strict();

/** A Stripe event as the webhook reads it; the generator bends it into wrong shapes too. */
const StripeEventInput = z.object({
  id: z.string().min(1).max(40),
  type: z.enum([
    'checkout.session.completed',
    'checkout.session.async_payment_succeeded',
    'checkout.session.async_payment_failed',
    'checkout.session.expired',
    'charge.refunded',
    'customer.created',
  ]),
  data: z.object({
    object: z.object({
      id: z.string().max(40),
      metadata: z.object({ paymentId: z.uuid() }).optional(),
      client_reference_id: z.uuid().optional(),
      payment_status: z.enum(['paid', 'unpaid']).optional(),
      payment_intent: z.string().max(40).optional(),
      refunded: z.boolean().optional(),
    }),
  }),
});

export const ROUTES: Record<string, RouteInputs> = {
  'GET /healthz': { query: none },
  'GET /readyz': { query: none },
  'GET /metrics': { query: none },

  'POST /api/auth/register': { body: RegisterBody },
  'POST /api/auth/login': { body: LoginBody },
  'POST /api/auth/refresh': { body: RefreshBody },
  'POST /api/auth/logout': { body: LogoutBody },
  'GET /api/auth/me': { query: none },

  'PATCH /api/users/me': { body: UpdateMeBody },
  'POST /api/users/me/password': { body: ChangePasswordBody },
  'GET /api/users/:id': { params: IdParams },
  'GET /api/users/:id/top-gifters': { params: IdParams, query: TopGiftersQuery },

  'GET /api/streams': { query: ListStreamsQuery },
  'POST /api/streams': { body: CreateStreamBody },
  'GET /api/streams/:id': { params: IdParams },
  'PATCH /api/streams/:id': { params: IdParams, body: UpdateStreamBody },
  'POST /api/streams/:id/end': { params: IdParams, body: EndStreamBody },
  'PUT /api/streams/:id/thumbnail': { params: IdParams },
  'GET /api/streams/:id/thumbnail': { params: IdParams },
  'GET /api/streams/:id/top-gifters': { params: IdParams, query: TopGiftersQuery },
  'GET /api/categories': { query: none },

  'GET /api/gifts': { query: none },
  'GET /api/wallet': { query: none },
  'GET /api/wallet/rates': { query: none },
  'GET /api/wallet/history': { query: WalletHistoryQuery },
  'POST /api/payouts': { body: PayoutBody },
  'GET /api/payouts': { query: none },
  'GET /api/rtc/ice-servers': { query: none },
  'GET /api/client-config': { query: none },
  'GET /api/openapi.json': { query: none },
  'GET /api/docs': { query: none },
  'GET /api/coins/packages': { query: none },
  'POST /api/payments/checkout': { body: CheckoutBody },
  'GET /api/payments': { query: none },
  'POST /api/payments/dev/complete': { body: DevCompleteBody },
  'POST /api/payments/webhook/stripe': { body: StripeEventInput, stripeSigned: true },

  'GET /api/admin/dashboard': { query: AdminDashboardQuery },
  'GET /api/admin/audit-log': { query: AdminAuditQuery },
  'GET /api/admin/users': { query: AdminUsersQuery },
  'GET /api/admin/users/:id': { params: IdParams },
  'PATCH /api/admin/users/:id/role': { params: IdParams, body: AdminRoleBody },
  'POST /api/admin/users/:id/ban': { params: IdParams, body: AdminBanBody },
  'POST /api/admin/users/:id/unban': { params: IdParams, body: AdminReasonBody },
  'POST /api/admin/users/:id/suspend': { params: IdParams, body: AdminSuspendBody },
  'POST /api/admin/users/:id/adjust-balance': { params: IdParams, body: AdminAdjustBalanceBody },
  'POST /api/admin/users/:id/clear-flag': { params: IdParams, body: AdminReasonBody },
  'GET /api/admin/streams': { query: AdminStreamsQuery },
  'POST /api/admin/streams/:id/end': { params: IdParams, body: AdminEndStreamBody },
  'GET /api/admin/streams/:id/chat': { params: IdParams, query: AdminPageQuery },
  'GET /api/admin/streams/:id/gifts': { params: IdParams, query: AdminPageQuery },
  'GET /api/admin/reports': { query: AdminReportsQuery },
  'POST /api/admin/reports/:id/resolve': { params: ReportIdParams, body: AdminReportDecisionBody },
  'POST /api/admin/reports/:id/dismiss': { params: ReportIdParams, body: AdminReportDecisionBody },
  'GET /api/admin/moderation-log': { query: AdminModerationLogQuery },
  'GET /api/admin/banned-words': { query: none },
  'POST /api/admin/banned-words': { body: AdminBannedWordBody },
  'DELETE /api/admin/banned-words/:word': { params: BannedWordParams },
  'GET /api/admin/gifts': { query: none },
  'POST /api/admin/gifts': { body: GiftTypeInput },
  'PATCH /api/admin/gifts/:id': { params: IdParams, body: GiftTypePatch },
  'GET /api/admin/coin-packages': { query: none },
  'POST /api/admin/coin-packages': { body: CoinPackageInput },
  'PATCH /api/admin/coin-packages/:id': { params: CoinPackageParams, body: CoinPackagePatch },
  'GET /api/admin/payments': { query: AdminPaymentsQuery },
  'POST /api/admin/payments/:id/refund': { params: IdParams, body: AdminReasonBody },
  'GET /api/admin/payouts': { query: none },
  'POST /api/admin/payouts/:id/approve': { params: IdParams, body: AdminReasonBody },
  'POST /api/admin/payouts/:id/reject': { params: IdParams, body: AdminReasonBody },
};

/** The payload schema of every client→server event; `satisfies` keeps it in step with the contract. */
export const SOCKET_EVENTS = {
  whoami: none,
  'join-stream': JoinStreamPayload,
  'leave-stream': StreamRef,
  'refresh-auth': RefreshAuthPayload,
  'send-message': SendMessagePayload,
  'delete-message': DeleteMessagePayload,
  'moderate-user': ModerateUserPayload,
  'update-chat-settings': UpdateChatSettingsPayload,
  'set-moderator': SetModeratorPayload,
  'report-message': ReportMessagePayload,
  'rtc-request': StreamRef,
  'rtc-signal': RtcSignalPayload,
  'rtc-quality': RtcQualityPayload,
  'rtc-release': StreamRef,
  'rtc-ice-servers': StreamRef,
  'send-gift': SendGiftPayload,
} satisfies Record<keyof ClientToServerEvents, z.ZodType>;
