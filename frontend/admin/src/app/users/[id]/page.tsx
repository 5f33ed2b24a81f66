'use client';
import { type AdminRoleBody, apiRoutes, MAX_BALANCE_ADJUST, ROLES, type Role } from '@airwave/shared';
import { Field, TextField } from '@airwave/ui';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { type ReactNode, useState } from 'react';
import { AuditTable } from '../../../components/AuditTable.tsx';
import { ConfirmDialog } from '../../../components/Dialog.tsx';
import { Figure } from '../../../components/Figure.tsx';
import { JournalTable } from '../../../components/JournalTable.tsx';
import { ModerationTable } from '../../../components/ModerationTable.tsx';
import { PaymentsTable } from '../../../components/PaymentsTable.tsx';
import { Badge, Empty, ErrorState, Loading } from '../../../components/states.tsx';
import { useToast } from '../../../components/Toasts.tsx';
import { StatusBadge } from '../../../components/user-status.tsx';
import { useAuth } from '../../../lib/auth-context.tsx';
import { fmtDateTime, fmtNumber } from '../../../lib/format.ts';
import { useResource } from '../../../lib/hooks.ts';
import { useI18n } from '../../../lib/i18n.tsx';

type Action = 'role' | 'ban' | 'unban' | 'suspend' | 'adjust' | 'clearFlag';

/** `datetime-local` value for a moment, in the browser's time zone. */
const localInput = (d: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export default function UserDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t, locale } = useI18n();
  const { api, user: me } = useAuth();
  const toast = useToast();
  const detail = useResource(apiRoutes.adminUser, { params: { id } });
  const [action, setAction] = useState<Action | null>(null);
  const [role, setRole] = useState<Role | ''>('');
  const [until, setUntil] = useState('');
  const [account, setAccount] = useState<'coins' | 'beans'>('coins');
  const [delta, setDelta] = useState('');

  if (detail.error && !detail.data) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const { user, streams, payments, moderation, audit, pendingPayoutBeans } = detail.data;
  const n = (v: number) => fmtNumber(v, locale);
  const suspended = Boolean(user.suspendedUntil && Date.parse(user.suspendedUntil) > Date.now());
  const self = me?.id === user.id;
  const deltaNum = Number(delta);
  const deltaOk = /^-?\d+$/.test(delta.trim()) && deltaNum !== 0 && Math.abs(deltaNum) <= MAX_BALANCE_ADJUST;
  const untilOk = until !== '' && new Date(until).getTime() > Date.now();

  const run = async (fn: () => Promise<unknown>, done: string) => {
    await fn();
    toast(done);
    detail.reload();
  };

  const open = (a: Action) => {
    if (a === 'suspend') setUntil(localInput(new Date(Date.now() + 24 * 3600_000)));
    if (a === 'adjust') setDelta('');
    setAction(a);
  };
  const close = () => setAction(null);
  // The actions that ask only for a reason; role, suspend and adjust carry a field of their own.
  const plainActions = [
    {
      action: 'ban',
      title: t.user.banTitle(user.nickname),
      body: t.user.banBody,
      label: t.user.ban,
      danger: true,
      route: apiRoutes.banUser,
    },
    {
      action: 'unban',
      title: t.user.unbanTitle(user.nickname),
      body: t.user.unbanBody,
      label: t.user.unban,
      danger: false,
      route: apiRoutes.unbanUser,
    },
    {
      action: 'clearFlag',
      title: t.user.clearFlagTitle(user.nickname),
      body: t.user.clearFlagBody,
      label: t.user.clearFlag,
      danger: false,
      route: apiRoutes.clearFlag,
    },
  ] as const;

  return (
    <>
      <nav className="crumbs" aria-label="breadcrumb">
        <Link href="/users">← {t.user.back}</Link>
      </nav>
      <div className="page-header">
        <div>
          <h1 className="row">
            {user.nickname}
            <Badge kind={`role-${user.role}`}>{t.roles[user.role]}</Badge>
            <StatusBadge user={user} t={t} />
          </h1>
          <p className="muted small">
            {user.email} · <code title={user.id}>{user.id}</code> ·{' '}
            {t.user.joined(fmtDateTime(user.createdAt, locale))}
          </p>
        </div>
      </div>

      {user.bannedAt && (
        <div className="alert alert-error" data-testid="user-banned">
          {t.user.bannedSince(fmtDateTime(user.bannedAt, locale), user.banReason ?? '')}
        </div>
      )}
      {suspended && (
        <div className="alert alert-error">
          {t.user.suspendedUntil(fmtDateTime(user.suspendedUntil, locale))}
        </div>
      )}
      {user.flaggedAt && <div className="alert alert-warn">{t.user.flagged(user.flagReason ?? '')}</div>}

      <div className="detail-grid">
        <section className="card" aria-labelledby="balances">
          <h2 id="balances">{t.user.balances}</h2>
          <dl className="figures">
            <Figure label={t.user.coins} value={n(user.coins)} testId="user-coins" />
            <Figure label={t.user.beans} value={n(user.beans)} testId="user-beans" />
            <Figure label={t.user.debt} value={n(user.coinsDebt)} warn={user.coinsDebt > 0} />
            <Figure label={t.user.pendingPayout} value={n(pendingPayoutBeans)} />
          </dl>
          {user.bio && (
            <p className="muted small">
              <strong>{t.user.bio}:</strong> {user.bio}
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="actions">
          <h2 id="actions">{t.user.actions}</h2>
          <div className="field">
            <label htmlFor="role">{t.user.role}</label>
            <div className="row nowrap-row">
              <select
                id="role"
                className="input"
                value={role || user.role}
                onChange={(e) => setRole(e.target.value as Role)}
                disabled={self}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t.roles[r]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn"
                disabled={self || !role || role === user.role}
                onClick={() => open('role')}
              >
                {t.user.changeRole}
              </button>
            </div>
          </div>
          <div className="row">
            {user.bannedAt || suspended ? (
              <button type="button" className="btn" onClick={() => open('unban')}>
                {t.user.unban}
              </button>
            ) : (
              <>
                <button type="button" className="btn btn-danger" disabled={self} onClick={() => open('ban')}>
                  {t.user.ban}
                </button>
                <button
                  type="button"
                  className="btn btn-danger"
                  disabled={self}
                  onClick={() => open('suspend')}
                >
                  {t.user.suspend}
                </button>
              </>
            )}
            <button type="button" className="btn" onClick={() => open('adjust')}>
              {t.user.adjust}
            </button>
            {user.flaggedAt && (
              <button type="button" className="btn" onClick={() => open('clearFlag')}>
                {t.user.clearFlag}
              </button>
            )}
          </div>
        </section>
      </div>

      <Section title={t.user.recentStreams} aside={t.user.streamsCount(streams.count)}>
        {streams.recent.length === 0 ? (
          <Empty>{t.user.noStreams}</Empty>
        ) : (
          <ul className="plain-list" data-testid="recent-streams">
            {streams.recent.map((s) => (
              <li key={s.id}>
                <Link href={`/streams/${s.id}`}>{s.title}</Link>{' '}
                <Badge kind={s.status}>{t.statuses[s.status]}</Badge>{' '}
                <span className="muted small">
                  {fmtDateTime(s.startedAt, locale)}
                  {s.endedReason ? ` · ${t.streams.endedReason[s.endedReason]}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={t.user.payments}>
        <PaymentsTable items={payments} emptyText={t.user.noPayments} showBuyer={false} />
      </Section>
      {me?.role === 'admin' && (
        <Section title={t.journal.title}>
          <JournalTable userId={user.id} />
        </Section>
      )}
      <Section title={t.user.moderation}>
        <ModerationTable items={moderation} emptyText={t.user.noModeration} />
      </Section>
      <Section title={t.user.audit}>
        <AuditTable items={audit} emptyText={t.user.noAudit} compact />
      </Section>

      <ConfirmDialog
        open={action === 'role'}
        title={t.user.roleTitle(user.nickname, t.roles[role || user.role] ?? '')}
        body={t.user.roleBody}
        confirmLabel={t.user.changeRole}
        danger={false}
        onConfirm={(reason) =>
          run(
            () =>
              api(apiRoutes.setRole, {
                params: { id: user.id },
                body: { role: role as AdminRoleBody['role'], reason },
              }),
            t.user.done.role,
          )
        }
        onClose={close}
      />
      {plainActions.map((a) => (
        <ConfirmDialog
          key={a.action}
          open={action === a.action}
          title={a.title}
          body={a.body}
          confirmLabel={a.label}
          danger={a.danger}
          onConfirm={(reason) =>
            run(() => api(a.route, { params: { id: user.id }, body: { reason } }), t.user.done[a.action])
          }
          onClose={close}
        />
      ))}
      <ConfirmDialog
        open={action === 'suspend'}
        title={t.user.suspendTitle(user.nickname)}
        body={
          untilOk
            ? t.user.suspendBody(fmtDateTime(new Date(until).toISOString(), locale))
            : t.user.suspendPast
        }
        confirmLabel={t.user.suspend}
        ready={untilOk}
        extra={
          <TextField
            id="suspend-until"
            label={t.user.suspendUntil}
            type="datetime-local"
            value={until}
            min={localInput(new Date())}
            onChange={(e) => setUntil(e.target.value)}
            required
          />
        }
        onConfirm={(reason) =>
          run(
            () =>
              api(apiRoutes.suspendUser, {
                params: { id: user.id },
                body: { until: new Date(until).toISOString(), reason },
              }),
            t.user.done.suspend,
          )
        }
        onClose={close}
      />
      <ConfirmDialog
        open={action === 'adjust'}
        title={
          deltaOk
            ? t.user.adjustTitle(
                deltaNum > 0 ? `+${n(deltaNum)}` : n(deltaNum),
                t.common[account],
                user.nickname,
              )
            : t.user.adjust
        }
        body={t.user.adjustBody}
        confirmLabel={t.user.adjust}
        danger={deltaOk && deltaNum < 0}
        ready={deltaOk}
        extra={
          <div className="row fields-row">
            <Field id="adjust-account" label={t.user.account}>
              <select
                id="adjust-account"
                className="input"
                value={account}
                onChange={(e) => setAccount(e.target.value as 'coins' | 'beans')}
              >
                <option value="coins">{t.user.coins}</option>
                <option value="beans">{t.user.beans}</option>
              </select>
            </Field>
            <TextField
              id="adjust-delta"
              label={t.user.delta}
              grow
              hint={delta !== '' && !deltaOk ? t.user.adjustInvalid : t.user.deltaHint}
              inputMode="numeric"
              value={delta}
              onChange={(e) => setDelta(e.target.value)}
              aria-invalid={delta !== '' && !deltaOk}
              required
            />
          </div>
        }
        onConfirm={async (reason) => {
          const b = await api(apiRoutes.adjustBalance, {
            params: { id: user.id },
            body: { account, delta: deltaNum, reason },
          });
          toast(t.user.done.adjust(b.coins, b.beans));
          detail.reload();
        }}
        onClose={close}
      />
    </>
  );
}

function Section({ title, aside, children }: { title: string; aside?: string; children: ReactNode }) {
  return (
    <section className="detail-section">
      <h2 className="section-title">
        {title}
        {aside && <span className="muted small"> · {aside}</span>}
      </h2>
      {children}
    </section>
  );
}
