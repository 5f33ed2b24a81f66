'use client';
import { apiRoutes } from '@airwave/shared';
import { TextField } from '@airwave/ui';
import { type FormEvent, useState } from 'react';
import { FilterForm } from '../../components/filters.tsx';
import { ModerationTable } from '../../components/ModerationTable.tsx';
import { PageHeader } from '../../components/states.tsx';
import { useCursorList } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

export default function ModerationLogPage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const [action, setAction] = useState('');
  const list = useCursorList(apiRoutes.moderationLog, { query: { action: action || undefined } });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setAction(draft.trim());
  };
  const clear = () => {
    setDraft('');
    setAction('');
  };
  return (
    <>
      <PageHeader title={t.modLog.title} />
      <FilterForm onSubmit={apply} submitLabel={t.common.apply} onClear={action ? clear : undefined}>
        <TextField
          id="mod-action"
          label={t.modLog.action}
          value={draft}
          placeholder={t.modLog.actionPlaceholder}
          onChange={(e) => setDraft(e.target.value)}
        />
      </FilterForm>
      <ModerationTable items={list.items} emptyText={t.modLog.empty} source={list} />
    </>
  );
}
