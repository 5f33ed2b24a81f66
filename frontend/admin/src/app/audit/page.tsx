'use client';
import { apiRoutes } from '@airwave/shared';
import { TextField } from '@airwave/ui';
import { type FormEvent, useState } from 'react';
import { AuditTable } from '../../components/AuditTable.tsx';
import { FilterForm } from '../../components/filters.tsx';
import { PageHeader } from '../../components/states.tsx';
import { useCursorList } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

const EMPTY = { action: '', targetType: '', targetId: '', actorId: '' };
type Filters = typeof EMPTY;

export default function AuditPage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const list = useCursorList(apiRoutes.auditLog, {
    query: {
      action: filters.action || undefined,
      targetType: filters.targetType || undefined,
      targetId: filters.targetId || undefined,
      actorId: filters.actorId || undefined,
    },
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({
      action: draft.action.trim(),
      targetType: draft.targetType.trim(),
      targetId: draft.targetId.trim(),
      actorId: draft.actorId.trim(),
    });
  };
  const field = (name: keyof Filters, label: string, hint?: string) => (
    <TextField
      id={`audit-${name}`}
      label={label}
      value={draft[name]}
      onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      aria-describedby={hint ? 'audit-action-hint' : undefined}
      placeholder={hint ? 'user.' : undefined}
    />
  );
  const active = Object.values(filters).some(Boolean);
  const clear = () => {
    setDraft(EMPTY);
    setFilters(EMPTY);
  };

  return (
    <>
      <PageHeader title={t.audit.title} />
      <FilterForm
        onSubmit={apply}
        label={t.audit.title}
        submitLabel={t.common.apply}
        onClear={active ? clear : undefined}
      >
        {field('action', t.audit.action, t.audit.actionHint)}
        {field('targetType', t.audit.targetType)}
        {field('targetId', t.audit.targetId)}
        {field('actorId', t.audit.actorId)}
      </FilterForm>
      <p id="audit-action-hint" className="hint filters-hint">
        {t.audit.actionHint}
      </p>
      <AuditTable items={list.items} emptyText={t.audit.empty} source={list} />
    </>
  );
}
