'use client';
import type { AuditEntry } from '@airwave/shared';
import Link from 'next/link';
import { fmtDateTime } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';

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

export function AuditTable({ items, compact = false }: { items: AuditEntry[]; compact?: boolean }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t.common.when}</th>
            {!compact && <th scope="col">{t.audit.actor}</th>}
            <th scope="col">{t.audit.action}</th>
            {!compact && <th scope="col">{t.audit.target}</th>}
            <th scope="col">{t.audit.reason}</th>
            <th scope="col">{t.audit.changes}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => {
            const href = targetHref(e);
            return (
              <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                <td className="nowrap">{fmtDateTime(e.createdAt, locale)}</td>
                {!compact && (
                  <td>
                    {e.actor ? (
                      <Link href={`/users/${e.actor.id}`}>{e.actor.nickname}</Link>
                    ) : (
                      t.common.system
                    )}
                  </td>
                )}
                <td>
                  <code className="action">{e.action}</code>
                </td>
                {!compact && (
                  <td className="nowrap">
                    <span className="muted">{e.targetType}</span>{' '}
                    {href ? (
                      <Link href={href} title={e.targetId}>
                        {e.targetId.slice(0, 8)}
                      </Link>
                    ) : (
                      <span title={e.targetId}>
                        {e.targetId.length > 12 ? e.targetId.slice(0, 8) : e.targetId}
                      </span>
                    )}
                  </td>
                )}
                <td className="wrap">{e.reason ?? <span className="muted">—</span>}</td>
                <td className="wrap">
                  <Changes before={e.before} after={e.after} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
