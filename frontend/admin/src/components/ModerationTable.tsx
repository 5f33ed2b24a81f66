'use client';
import type { AdminModerationEntry } from '@airwave/shared';
import Link from 'next/link';
import { fmtDateTime } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';

export function ModerationTable({ items }: { items: AdminModerationEntry[] }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="moderation-table">
        <thead>
          <tr>
            <th scope="col">{t.common.when}</th>
            <th scope="col">{t.modLog.action}</th>
            <th scope="col">{t.modLog.actor}</th>
            <th scope="col">{t.modLog.target}</th>
            <th scope="col">{t.modLog.reason}</th>
            <th scope="col">{t.modLog.stream}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id} data-testid="moderation-row">
              <td className="nowrap">{fmtDateTime(e.createdAt, locale)}</td>
              <td>
                <code className="action">{e.action}</code>
              </td>
              <td>{e.actor ? e.actor.nickname : t.common.system}</td>
              <td>{e.target ? e.target.nickname : '—'}</td>
              <td className="wrap">{e.reason ?? <span className="muted">—</span>}</td>
              <td>
                {e.streamId ? (
                  <Link href={`/streams/${e.streamId}`} title={e.streamId}>
                    {e.streamId.slice(0, 8)}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
