'use client';
import type { AdminReport } from '@airwave/shared';
import Link from 'next/link';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { Badge, ListState, LoadMore, PageHeader } from '../../components/states.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { useAuth } from '../../lib/auth-context.tsx';
import { fmtDateTime } from '../../lib/format.ts';
import { useCursorList } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

type Status = 'open' | 'resolved' | 'dismissed';

export default function ReportsPage() {
  const { t, locale } = useI18n();
  const { api } = useAuth();
  const toast = useToast();
  const [status, setStatus] = useState<Status>('open');
  const [deciding, setDeciding] = useState<{ report: AdminReport; decision: 'resolve' | 'dismiss' } | null>(
    null,
  );
  const list = useCursorList<AdminReport>('/api/admin/reports', { status });

  return (
    <>
      <PageHeader title={t.reports.title}>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t.reports.show}</legend>
          {(['open', 'resolved', 'dismissed'] as const).map((s) => (
            <label key={s} className={status === s ? 'on' : undefined}>
              <input
                type="radio"
                name="report-status"
                value={s}
                checked={status === s}
                onChange={() => setStatus(s)}
              />
              {t.statuses[s]}
            </label>
          ))}
        </fieldset>
      </PageHeader>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={t.reports.empty}
        onRetry={list.reload}
      >
        <div className="table-wrap">
          <table className="table" data-testid="reports-table">
            <thead>
              <tr>
                <th scope="col">{t.common.when}</th>
                <th scope="col">{t.reports.message}</th>
                <th scope="col">{t.reports.reason}</th>
                <th scope="col">{t.reports.reporter}</th>
                <th scope="col">{t.common.status}</th>
                {status === 'open' && <th scope="col">{t.common.actions}</th>}
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr key={r.id} data-testid="report-row">
                  <td className="nowrap">{fmtDateTime(r.createdAt, locale)}</td>
                  <td className="wrap">
                    <Link href={`/users/${r.message.author.id}`} className="strong">
                      {r.message.author.nickname}
                    </Link>
                    : <q className={r.message.deletedAt ? 'deleted' : undefined}>{r.message.text}</q>
                    {r.message.deletedAt && <span className="muted small"> ({t.reports.deleted})</span>}
                    <div className="small">
                      <Link href={`/streams/${r.streamId}`}>
                        {t.reports.stream} {r.streamId.slice(0, 8)}
                      </Link>
                    </div>
                  </td>
                  <td className="wrap">{r.reason}</td>
                  <td>{r.reporter.nickname}</td>
                  <td>
                    <Badge kind={r.status}>{t.statuses[r.status]}</Badge>
                    {r.resolvedBy && r.resolvedAt && (
                      <div className="muted small">
                        {t.reports.decidedBy(r.resolvedBy.nickname, fmtDateTime(r.resolvedAt, locale))}
                      </div>
                    )}
                  </td>
                  {status === 'open' && (
                    <td className="nowrap">
                      <button
                        type="button"
                        className="btn btn-small btn-primary"
                        onClick={() => setDeciding({ report: r, decision: 'resolve' })}
                      >
                        {t.reports.resolve}
                      </button>{' '}
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setDeciding({ report: r, decision: 'dismiss' })}
                      >
                        {t.reports.dismiss}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      </ListState>
      <ConfirmDialog
        open={deciding !== null}
        title={deciding?.decision === 'dismiss' ? t.reports.dismissTitle : t.reports.resolveTitle}
        body={t.reports.decisionBody}
        confirmLabel={deciding?.decision === 'dismiss' ? t.reports.dismiss : t.reports.resolve}
        danger={false}
        reason="optional"
        reasonLabel={t.reports.note}
        onConfirm={async (note) => {
          if (!deciding) return;
          await api(
            'POST',
            `/api/admin/reports/${deciding.report.id}/${deciding.decision}`,
            note ? { note } : {},
          );
          toast(deciding.decision === 'dismiss' ? t.reports.dismissed : t.reports.resolved);
          list.reload();
        }}
        onClose={() => setDeciding(null)}
      />
    </>
  );
}
