'use client';
import type { Key, ReactNode } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { Empty, type ListSource, ListState } from './states.tsx';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  /** Right-aligned tabular figures, header and cell. */
  numeric?: boolean;
  /** Extra classes on the cell (`nowrap`, `wrap`, `strong`, …). */
  className?: string;
  /** Makes the header a sort button for this server-side sort key. */
  sortKey?: string;
}

export interface SortState {
  by: string;
  order: 'asc' | 'desc';
  onSort(key: string): void;
}

export interface Paging {
  page: number;
  pages: number;
  onPage(page: number): void;
}

interface DataTableProps<T> {
  testId: string;
  /** `false` entries are left out, so a column can be shown on a condition inline. */
  columns: ReadonlyArray<Column<T> | false>;
  rows: readonly T[];
  rowKey(row: T): Key;
  /** Attributes for a row's `<tr>`: `data-testid`, `data-*` the tests read, `className`. */
  rowAttrs?(row: T): Record<string, string | undefined>;
  /** The buttons of the last ("Actions") column. */
  actions?(row: T): ReactNode;
  emptyText: string;
  /** Loading and error states, and "load more" when it pages by cursor; none for rows already loaded. */
  source?: ListSource;
  sort?: SortState;
  paging?: Paging;
}

const cls = (...names: Array<string | false | undefined>) => names.filter(Boolean).join(' ') || undefined;

/** Every admin list: the loading / error / empty states, the table, sorting and paging. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, emptyText, source } = props;
  if (!source) return rows.length === 0 ? <Empty>{emptyText}</Empty> : <Table {...props} />;
  return (
    <ListState source={source} count={rows.length} emptyText={emptyText}>
      <Table {...props} />
      {props.paging && <Pager {...props.paging} />}
    </ListState>
  );
}

function Table<T>({ testId, columns, rows, rowKey, rowAttrs, actions, source, sort }: DataTableProps<T>) {
  const { t } = useI18n();
  const shown = columns.filter((c): c is Column<T> => c !== false);
  return (
    // Focusable, so a keyboard can scroll a table wider than a phone (axe: scrollable-region-focusable).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard
    <div className="table-wrap" aria-busy={source?.loading} tabIndex={0}>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {shown.map((c) => (
              <HeaderCell key={c.header} column={c} sort={sort} />
            ))}
            {actions && <th scope="col">{t.common.actions}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowAttrs?.(row)}>
              {shown.map((c) => (
                <td key={c.header} className={cls(c.numeric && 'num', c.className)}>
                  {c.cell(row)}
                </td>
              ))}
              {actions && <td className="nowrap">{actions(row)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeaderCell<T>({ column, sort }: { column: Column<T>; sort: SortState | undefined }) {
  const { t } = useI18n();
  const className = column.numeric ? 'num' : undefined;
  const key = column.sortKey;
  if (!sort || !key)
    return (
      <th scope="col" className={className}>
        {column.header}
      </th>
    );
  const active = sort.by === key;
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={className}
    >
      <button
        type="button"
        className="sort"
        onClick={() => sort.onSort(key)}
        title={t.common.sortBy(column.header)}
      >
        {column.header}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

function Pager({ page, pages, onPage }: Paging) {
  const { t } = useI18n();
  return (
    <nav className="pager" aria-label={t.common.pageOf(page, pages)}>
      <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← {t.common.previous}
      </button>
      <span className="muted">{t.common.pageOf(page, pages)}</span>
      <button
        type="button"
        className="btn btn-small"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t.common.next} →
      </button>
    </nav>
  );
}

/** A small button in a row's actions cell. */
export function RowAction({
  kind,
  label,
  onClick,
  ariaLabel,
}: {
  kind?: 'primary' | 'danger';
  label: string;
  onClick(): void;
  ariaLabel?: string;
}) {
  return (
    <button
      type="button"
      className={cls('btn btn-small', kind && `btn-${kind}`)}
      aria-label={ariaLabel}
      onClick={onClick}
    >
      {label}
    </button>
  );
}
