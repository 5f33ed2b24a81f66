'use client';
import type { AuditEntry } from '@airwave/shared';
import Link from 'next/link';
import { fmtDateTime } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';
import { type Column, DataTable } from './DataTable.tsx';
import type { ListSource } from './states.tsx';

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** before/after as "field: old → new" lines (whole values when they are not objects). */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (before == null && after == null) return <span className="muted">—</span>;
  if (isObj(before) || isObj(after)) {
    const b = isObj(before) ? before : {};
    const a = isObj(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return (
      <ul className="changes">
        {keys.map((k) => (
          <li key={k}>
            <span className="change-key">{k}</span> {k in b && <del>{show(b[k])}</del>}
            {k in b && k in a && ' → '}
            {k in a && <ins>{show(a[k])}</ins>}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <span>
      <del>{show(before)}</del> → <ins>{show(after)}</ins>
    </span>
  );
}

const targetHref = (e: AuditEntry) =>
  e.targetType === 'user'
    ? `/users/${e.targetId}`
    : e.targetType === 'stream'
      ? `/streams/${e.targetId}`
      : null;

export function AuditTable({
  items,
  emptyText,
  source,
  compact = false,
}: {
  items: AuditEntry[];
  emptyText: string;
  source?: ListSource;
  compact?: boolean;
}) {
  const { t, locale } = useI18n();
  const columns: Array<Column<AuditEntry> | false> = [
    { header: t.common.when, className: 'nowrap', cell: (e) => fmtDateTime(e.createdAt, locale) },
    !compact && {
      header: t.audit.actor,
      cell: (e) =>
        e.actor ? <Link href={`/users/${e.actor.id}`}>{e.actor.nickname}</Link> : t.common.system,
    },
    { header: t.audit.action, cell: (e) => <code className="action">{e.action}</code> },
    !compact && { header: t.audit.target, className: 'nowrap', cell: (e) => <Target entry={e} /> },
    { header: t.audit.reason, className: 'wrap', cell: (e) => e.reason ?? <span className="muted">—</span> },
    {
      header: t.audit.changes,
      className: 'wrap',
      cell: (e) => <Changes before={e.before} after={e.after} />,
    },
  ];
  return (
    <DataTable
      testId="audit-table"
      columns={columns}
      rows={items}
      rowKey={(e) => e.id}
      rowAttrs={(e) => ({ 'data-testid': 'audit-row', 'data-action': e.action })}
      emptyText={emptyText}
      source={source}
    />
  );
}

function Target({ entry: e }: { entry: AuditEntry }) {
  const href = targetHref(e);
  return (
    <>
      <span className="muted">{e.targetType}</span>{' '}
      {href ? (
        <Link href={href} title={e.targetId}>
          {e.targetId.slice(0, 8)}
        </Link>
      ) : (
        <span title={e.targetId}>{e.targetId.length > 12 ? e.targetId.slice(0, 8) : e.targetId}</span>
      )}
    </>
  );
}
