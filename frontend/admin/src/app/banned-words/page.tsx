'use client';
import { type AdminBannedWord, apiRoutes } from '@airwave/shared';
import { TextField } from '@airwave/ui';
import { type FormEvent, useState } from 'react';
import { type Column, DataTable, RowAction } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { FilterForm } from '../../components/filters.tsx';
import { PageHeader } from '../../components/states.tsx';
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
  const list = useResource(apiRoutes.bannedWords, {});
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
      await api(apiRoutes.addBannedWord, { body: { word: w } });
      toast(t.bannedWords.added(w.toLowerCase()));
      setWord('');
      list.reload();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const columns: Column<AdminBannedWord>[] = [
    { header: t.bannedWords.word, cell: (w) => <code>{w.word}</code> },
    { header: t.bannedWords.addedBy, cell: (w) => w.createdBy?.nickname ?? t.common.system },
    { header: t.common.when, className: 'nowrap', cell: (w) => fmtDateTime(w.createdAt, locale) },
  ];

  return (
    <>
      <PageHeader title={t.bannedWords.title} />
      <p className="muted">{t.bannedWords.intro}</p>
      <FilterForm onSubmit={add} submitLabel={t.bannedWords.add} canSubmit={!busy && Boolean(word.trim())}>
        <TextField
          id="banned-word"
          label={t.bannedWords.word}
          value={word}
          maxLength={50}
          required
          onChange={(e) => setWord(e.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'banned-word-error' : undefined}
        />
      </FilterForm>
      {error && (
        <div id="banned-word-error" className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <DataTable
        testId="banned-words-table"
        columns={columns}
        rows={list.data?.items ?? []}
        rowKey={(w) => w.word}
        actions={(w) => (
          <RowAction
            kind="danger"
            label={t.bannedWords.remove}
            ariaLabel={`${t.bannedWords.remove}: ${w.word}`}
            onClick={() => setRemoving(w.word)}
          />
        )}
        emptyText={t.bannedWords.empty}
        source={list}
      />
      <ConfirmDialog
        open={removing !== null}
        title={t.bannedWords.removeTitle(removing ?? '')}
        body={t.bannedWords.removeBody}
        confirmLabel={t.bannedWords.remove}
        reason="none"
        onConfirm={async () => {
          if (!removing) return;
          await api(apiRoutes.removeBannedWord, { params: { word: removing } });
          toast(t.bannedWords.removed(removing));
          list.reload();
        }}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
