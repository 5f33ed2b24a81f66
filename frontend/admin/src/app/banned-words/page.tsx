'use client';
import type { AdminBannedWordList } from '@airwave/shared';
import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { ListState, PageHeader } from '../../components/states.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { useAuth } from '../../lib/auth-context.tsx';
import { errorText } from '../../lib/error-text.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { useResource } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

export default function BannedWordsPage() {
  const { t, locale } = useI18n();
  const { api } = useAuth();
  const toast = useToast();
  const list = useResource<AdminBannedWordList>('/api/admin/banned-words');
  const [word, setWord] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const w = word.trim();
    if (!w) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/admin/banned-words', { word: w });
      toast(t.bannedWords.added(w.toLowerCase()));
      setWord('');
      list.reload();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t.bannedWords.title} />
      <p className="muted">{t.bannedWords.intro}</p>
      <form className="filters" onSubmit={add}>
        <div className="field">
          <label htmlFor="banned-word">{t.bannedWords.word}</label>
          <input
            id="banned-word"
            className="input"
            value={word}
            maxLength={50}
            required
            onChange={(e) => setWord(e.target.value)}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? 'banned-word-error' : undefined}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy || !word.trim()}>
          {t.bannedWords.add}
        </button>
      </form>
      {error && (
        <div id="banned-word-error" className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <ListState
        loading={list.loading}
        error={list.error}
        empty={!list.data || list.data.items.length === 0}
        emptyText={t.bannedWords.empty}
        onRetry={list.reload}
      >
        <div className="table-wrap">
          <table className="table" data-testid="banned-words-table">
            <thead>
              <tr>
                <th scope="col">{t.bannedWords.word}</th>
                <th scope="col">{t.bannedWords.addedBy}</th>
                <th scope="col">{t.common.when}</th>
                <th scope="col">{t.common.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((w) => (
                <tr key={w.word}>
                  <td>
                    <code>{w.word}</code>
                  </td>
                  <td>{w.createdBy?.nickname ?? t.common.system}</td>
                  <td className="nowrap">{fmtDateTime(w.createdAt, locale)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      aria-label={`${t.bannedWords.remove}: ${w.word}`}
                      onClick={() => setRemoving(w.word)}
                    >
                      {t.bannedWords.remove}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ListState>
      <ConfirmDialog
        open={removing !== null}
        title={t.bannedWords.removeTitle(removing ?? '')}
        body={t.bannedWords.removeBody}
        confirmLabel={t.bannedWords.remove}
        reason="none"
        onConfirm={async () => {
          if (!removing) return;
          await api('DELETE', `/api/admin/banned-words/${encodeURIComponent(removing)}`);
          toast(t.bannedWords.removed(removing));
          list.reload();
        }}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
