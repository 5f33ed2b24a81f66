'use client';
import { type AdminUser, type AdminUsersQuery, apiRoutes, ROLES } from '@airwave/shared';
import { TextField } from '@airwave/ui';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { FilterForm, SelectFilter } from '../../components/filters.tsx';
import { Badge, PageHeader } from '../../components/states.tsx';
import { StatusBadge } from '../../components/user-status.tsx';
import { fmtDate, fmtNumber } from '../../lib/format.ts';
import { useResource } from '../../lib/hooks.ts';
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
  const list = useResource(apiRoutes.adminUsers, {
    query: {
      q: q || undefined,
      role: (role || undefined) as AdminUsersQuery['role'],
      status: (status || undefined) as AdminUsersQuery['status'],
      sort,
      order,
      page,
      limit,
    },
  });
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
  const columns: Column<AdminUser>[] = [
    {
      header: t.users.nickname,
      sortKey: 'nickname',
      cell: (u) => (
        <Link href={`/users/${u.id}`} className="strong">
          {u.nickname}
        </Link>
      ),
    },
    { header: t.users.email, sortKey: 'email', className: 'ellipsis', cell: (u) => u.email },
    { header: t.users.role, cell: (u) => <Badge kind={`role-${u.role}`}>{t.roles[u.role]}</Badge> },
    { header: t.users.status, cell: (u) => <StatusBadge user={u} t={t} /> },
    { header: t.users.coins, sortKey: 'coins', numeric: true, cell: (u) => fmtNumber(u.coins, locale) },
    { header: t.users.beans, sortKey: 'beans', numeric: true, cell: (u) => fmtNumber(u.beans, locale) },
    { header: t.users.streams, numeric: true, cell: (u) => fmtNumber(u.streamsCount, locale) },
    {
      header: t.users.joined,
      sortKey: 'createdAt',
      className: 'nowrap',
      cell: (u) => fmtDate(u.createdAt, locale),
    },
  ];
  const filterBy = (set: (value: string) => void) => (value: string) => {
    set(value);
    setPage(1);
  };

  return (
    <>
      <PageHeader title={t.users.title}>
        {list.data && <span className="muted">{t.common.total(list.data.total)}</span>}
      </PageHeader>
      <FilterForm onSubmit={search} submitLabel={t.common.search}>
        <TextField
          id="user-q"
          label={t.users.search}
          grow
          type="search"
          value={draft}
          placeholder={t.users.searchPlaceholder}
          onChange={(e) => setDraft(e.target.value)}
        />
        <SelectFilter
          id="user-role"
          label={t.users.role}
          value={role}
          options={ROLES.map((r) => [r, t.roles[r]] as const)}
          onChange={filterBy(setRole)}
        />
        <SelectFilter
          id="user-status"
          label={t.users.status}
          value={status}
          options={STATUSES.map((s) => [s, t.statuses[s]] as const)}
          onChange={filterBy(setStatus)}
        />
      </FilterForm>
      <DataTable
        testId="users-table"
        columns={columns}
        rows={list.data?.items ?? []}
        rowKey={(u) => u.id}
        rowAttrs={() => ({ 'data-testid': 'user-row' })}
        emptyText={t.users.empty}
        source={list}
        sort={{ by: sort, order, onSort: (key) => sortBy(key as Sort) }}
        paging={{ page, pages, onPage: setPage }}
      />
    </>
  );
}
