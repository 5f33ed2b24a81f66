import {
  type AdminPayment,
  type AdminStream,
  type AdminUser,
  type AuditEntry,
  StreamEndedReason,
} from '@airwave/shared';
import type { auditLog, payments, users } from '../db/schema/index.ts';
import { toStream } from '../streams/streams.mapper.ts';
import type { StreamWithStreamer } from '../streams/streams.repository.ts';

export type UserRow = typeof users.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
type Ref = { id: string | null; nickname: string | null };

export const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A left-joined user, or null when the join found no one. */
export const refOrNull = (r: Ref | null) =>
  r?.id && r.nickname !== null ? { id: r.id, nickname: r.nickname } : null;

export const toAdminUser = (u: UserRow): AdminUser => ({
  id: u.id,
  email: u.email,
  nickname: u.nickname,
  role: u.role,
  coins: u.coins,
  beans: u.beans,
  coinsDebt: u.coinsDebt,
  flaggedAt: iso(u.flaggedAt),
  flagReason: u.flagReason,
  bannedAt: iso(u.bannedAt),
  banReason: u.banReason,
  suspendedUntil: iso(u.suspendedUntil),
  streamsCount: u.streamsCount,
  createdAt: u.createdAt.toISOString(),
});

export const toAdminStream = (s: StreamWithStreamer): AdminStream => ({
  ...toStream(s),
  // Only the typed end path writes the column, so anything else is a bug worth a loud failure.
  endedReason: s.endedReason === null ? null : StreamEndedReason.parse(s.endedReason),
});

export const toAdminPayment = (r: {
  payment: PaymentRow;
  user: { id: string; nickname: string; email: string };
}): AdminPayment => ({
  id: r.payment.id,
  provider: r.payment.paymentProvider,
  packageId: r.payment.packageId,
  amountCents: r.payment.amount,
  currency: r.payment.currency,
  coins: r.payment.coinsReceived,
  status: r.payment.status,
  createdAt: r.payment.createdAt.toISOString(),
  user: r.user,
  transactionId: r.payment.transactionId,
  paymentIntentId: r.payment.paymentIntentId,
  updatedAt: r.payment.updatedAt.toISOString(),
});

export const toAuditEntry = (r: { entry: AuditRow; actor: Ref | null }): AuditEntry => ({
  id: r.entry.id,
  actor: refOrNull(r.actor),
  action: r.entry.action,
  targetType: r.entry.targetType,
  targetId: r.entry.targetId,
  before: r.entry.before ?? null,
  after: r.entry.after ?? null,
  reason: r.entry.reason,
  createdAt: r.entry.createdAt.toISOString(),
});
