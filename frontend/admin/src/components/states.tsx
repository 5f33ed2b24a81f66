'use client';
import type { ReactNode } from 'react';
import { errorText } from '../lib/error-text.ts';
import { useI18n } from '../lib/i18n.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t.common.loading}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state-error" role="alert">
      <strong>{t.common.errorTitle}</strong>
      <span>{errorText(error, t)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="state state-empty" data-testid="empty">
      {children}
    </div>
  );
}

/** What a list view needs from `useCursorList` or `useResource`: its state, and paging when it has it. */
export interface ListSource {
  loading: boolean;
  error: unknown;
  reload(): void;
  hasMore?: boolean;
  loadMore?(): void;
}

/** Loading / error / empty / content (then "load more" when the source pages), in that order. */
export function ListState({
  source,
  count,
  emptyText,
  children,
}: {
  source: ListSource;
  count: number;
  emptyText: string;
  children: ReactNode;
}) {
  const { loading, error, reload, hasMore = false, loadMore } = source;
  if (error && count === 0) return <ErrorState error={error} onRetry={reload} />;
  if (loading && count === 0) return <Loading />;
  if (count === 0) return <Empty>{emptyText}</Empty>;
  return (
    <>
      {children}
      {loadMore && <LoadMore hasMore={hasMore} loading={loading} onClick={loadMore} />}
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
    </>
  );
}

function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick(): void }) {
  const { t } = useI18n();
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <button type="button" className="btn" onClick={onClick} disabled={loading} aria-busy={loading}>
        {loading ? t.common.loading : t.common.loadMore}
      </button>
    </div>
  );
}

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${kind}`}>{children}</span>;
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children && <div className="page-header-tools">{children}</div>}
    </div>
  );
}
