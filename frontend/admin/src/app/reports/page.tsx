'use client';
import { type AdminReport, apiRoutes } from '@airwave/shared';
import Link from 'next/link';
import { useState } from 'react';
import { type Column, DataTable, RowAction } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { Segmented } from '../../components/filters.tsx';
import { Badge, PageHeader } from '../../components/states.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { useAuth } from '../../lib/auth-context.tsx';
import { fmtDateTime } from '../../lib/format.ts';
import { useCursorList } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

const STATUSES = ['open', 'resolved', 'dismissed'] as const;
type Status = (typeof STATUSES)[number];

export default function ReportsPage() {
  const { t, locale } = useI18n();
  const { api } = useAuth();
  const toast = useToast();
  const [status, setStatus] = useState<Status>('open');
  const [deciding, setDeciding] = useState<{ report: AdminReport; decision: 'resolve' | 'dismiss' } | null>(
    null,
  );
  const list = useCursorList(apiRoutes.reports, { query: { status } });

  const columns: Column<AdminReport>[] = [
    { header: t.common.when, className: 'nowrap', cell: (r) => fmtDateTime(r.createdAt, locale) },
    {
      header: t.reports.message,
      className: 'wrap',
      cell: (r) => (
        <>
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
        </>
      ),
    },
    { header: t.reports.reason, className: 'wrap', cell: (r) => r.reason },
    { header: t.reports.reporter, cell: (r) => r.reporter.nickname },
    {
      header: t.common.status,
      cell: (r) => (
        <>
          <Badge kind={r.status}>{t.statuses[r.status]}</Badge>
          {r.resolvedBy && r.resolvedAt && (
            <div className="muted small">
              {t.reports.decidedBy(r.resolvedBy.nickname, fmtDateTime(r.resolvedAt, locale))}
            </div>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t.reports.title}>
        <Segmented
          legend={t.reports.show}
          name="report-status"
          value={status}
          options={STATUSES.map((s) => [s, t.statuses[s]] as const)}
          onChange={setStatus}
        />
      </PageHeader>
      <DataTable
        testId="reports-table"
        columns={columns}
        rows={list.items}
        rowKey={(r) => r.id}
        rowAttrs={() => ({ 'data-testid': 'report-row' })}
        actions={
          status === 'open'
            ? (r) => (
                <>
                  <RowAction
                    kind="primary"
                    label={t.reports.resolve}
                    onClick={() => setDeciding({ report: r, decision: 'resolve' })}
                  />{' '}
                  <RowAction
                    label={t.reports.dismiss}
                    onClick={() => setDeciding({ report: r, decision: 'dismiss' })}
                  />
                </>
              )
            : undefined
        }
        emptyText={t.reports.empty}
        source={list}
      />
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
          await api(deciding.decision === 'dismiss' ? apiRoutes.dismissReport : apiRoutes.resolveReport, {
            params: { id: deciding.report.id },
            body: note ? { note } : {},
          });
          toast(deciding.decision === 'dismiss' ? t.reports.dismissed : t.reports.resolved);
          list.reload();
        }}
        onClose={() => setDeciding(null)}
      />
    </>
  );
}
