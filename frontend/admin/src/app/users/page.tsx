'use client';
import { type AdminUserList, ROLES } from '@airwave/shared';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { Badge, ListState, PageHeader } from '../../components/states.tsx';
import { StatusBadge } from '../../components/user-status.tsx';
import { fmtDate, fmtNumber } from '../../lib/format.ts';
import { qs, useResource } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

type Sort = 'createdAt' | 'nickname' | 'email' | 'coins' | 'beans';
const STATUSES = ['active', 'banned', 'suspended', 'flagged'] as const;

export default function UsersPage() {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState<Sort>('createdAt');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const limit = 25;
  const list = useResource<AdminUserList>(
    `/api/admin/users${qs({ q, role, status, sort, order, page, limit })}`,
  );
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / limit)) : 1;

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(draft.trim());
    setPage(1);
  };
  const sortBy = (column: Sort) => {
    if (sort === column) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(column);
      setOrder(column === 'nickname' || column === 'email' ? 'asc' : 'desc');
    }
    setPage(1);
  };
  const header = (column: Sort, label: string, numeric = false) => (
    <th
      scope="col"
      aria-sort={sort === column ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={numeric ? 'num' : undefined}
    >
      <button type="button" className="sort" onClick={() => sortBy(column)} title={t.users.sortBy(label)}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {sort === column ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );

  return (
    <>
      <PageHeader title={t.users.title}>
        {list.data && <span className="muted">{t.common.total(list.data.total)}</span>}
      </PageHeader>
      <form className="filters" onSubmit={search}>
        <div className="field grow">
          <label htmlFor="user-q">{t.users.search}</label>
          <input
            id="user-q"
            className="input"
            type="search"
            value={draft}
            placeholder={t.users.searchPlaceholder}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="user-role">{t.users.role}</label>
          <select
            id="user-role"
            className="input"
            value={role}
            onChange={(e) => {
              setRole(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t.common.any}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t.roles[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-status">{t.users.status}</label>
          <select
            id="user-status"
            className="input"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t.common.any}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary">
          {t.common.search}
        </button>
      </form>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={!list.data || list.data.items.length === 0}
        emptyText={t.users.empty}
        onRetry={list.reload}
      >
        <div className="table-wrap" aria-busy={list.loading}>
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                {header('nickname', t.users.nickname)}
                {header('email', t.users.email)}
                <th scope="col">{t.users.role}</th>
                <th scope="col">{t.users.status}</th>
                {header('coins', t.users.coins, true)}
                {header('beans', t.users.beans, true)}
                <th scope="col" className="num">
                  {t.users.streams}
                </th>
                {header('createdAt', t.users.joined)}
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((u) => (
                <tr key={u.id} data-testid="user-row">
                  <td>
                    <Link href={`/users/${u.id}`} className="strong">
                      {u.nickname}
                    </Link>
                  </td>
                  <td className="ellipsis">{u.email}</td>
                  <td>
                    <Badge kind={`role-${u.role}`}>{t.roles[u.role]}</Badge>
                  </td>
                  <td>
                    <StatusBadge user={u} t={t} />
                  </td>
                  <td className="num">{fmtNumber(u.coins, locale)}</td>
                  <td className="num">{fmtNumber(u.beans, locale)}</td>
                  <td className="num">{fmtNumber(u.streamsCount, locale)}</td>
                  <td className="nowrap">{fmtDate(u.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav className="pager" aria-label={t.common.pageOf(page, pages)}>
          <button
            type="button"
            className="btn btn-small"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
          >
            ← {t.common.previous}
          </button>
          <span className="muted">{t.common.pageOf(page, pages)}</span>
          <button
            type="button"
            className="btn btn-small"
            disabled={page >= pages}
            onClick={() => setPage(page + 1)}
          >
            {t.common.next} →
          </button>
        </nav>
      </ListState>
    </>
  );
}
