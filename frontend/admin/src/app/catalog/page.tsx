'use client';
import {
  type AdminCoinPackage,
  apiRoutes,
  type CoinPackageInput,
  type GiftItem,
  type GiftTypeInput,
} from '@airwave/shared';
import { TextField } from '@airwave/ui';
import { type ReactNode, useState } from 'react';
import { type Column, DataTable, RowAction } from '../../components/DataTable.tsx';
import { ConfirmDialog, Dialog } from '../../components/Dialog.tsx';
import { Badge, PageHeader } from '../../components/states.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { useAuth } from '../../lib/auth-context.tsx';
import { fmtMoney, fmtNumber } from '../../lib/format.ts';
import { useResource } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

type Form = Record<string, string>;
interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'number';
  hint?: string;
  optional?: boolean;
  createOnly?: boolean;
}

const GIFT_EMPTY: Form = { slug: '', name: '', icon: '', costCoins: '', beansValue: '', sortOrder: '0' };
const PACKAGE_EMPTY: Form = {
  id: '',
  coins: '',
  bonusCoins: '0',
  priceCents: '',
  currency: 'usd',
  sortOrder: '0',
};
const NUMERIC = new Set(['costCoins', 'beansValue', 'sortOrder', 'coins', 'bonusCoins', 'priceCents']);

/** The body to send: numbers as numbers, empty optional fields left out, and on edit only what changed. */
function toBody(form: Form, original: Form | null): Record<string, string | number> {
  const body: Record<string, string | number> = {};
  for (const [k, raw] of Object.entries(form)) {
    const v = raw.trim();
    if (original && original[k] === raw) continue;
    if (v === '') continue;
    body[k] = NUMERIC.has(k) ? Number(v) : v;
  }
  return body;
}

export default function CatalogPage() {
  const { t, locale } = useI18n();
  const { api } = useAuth();
  const toast = useToast();
  const gifts = useResource(apiRoutes.adminGifts, {});
  const packages = useResource(apiRoutes.adminCoinPackages, {});

  const [giftForm, setGiftForm] = useState<{ editing: GiftItem | null; form: Form } | null>(null);
  const [pkgForm, setPkgForm] = useState<{ editing: AdminCoinPackage | null; form: Form } | null>(null);
  const [deactivating, setDeactivating] = useState<
    { kind: 'gift'; item: GiftItem } | { kind: 'package'; item: AdminCoinPackage } | null
  >(null);

  const giftOriginal = (g: GiftItem): Form => ({
    name: g.name,
    icon: g.icon,
    costCoins: String(g.costCoins),
    beansValue: String(g.beansValue),
    sortOrder: String(g.sortOrder),
  });
  const pkgOriginal = (p: AdminCoinPackage): Form => ({
    coins: String(p.coins),
    bonusCoins: String(p.bonusCoins),
    priceCents: String(p.priceCents),
    currency: p.currency,
    sortOrder: String(p.sortOrder),
  });

  const giftFields: FieldSpec[] = [
    { name: 'slug', label: t.catalog.slug, hint: t.catalog.slugHint, createOnly: true },
    { name: 'name', label: t.catalog.name },
    { name: 'icon', label: t.catalog.icon },
    { name: 'costCoins', label: t.catalog.costCoins, type: 'number' },
    {
      name: 'beansValue',
      label: t.catalog.beansValue,
      type: 'number',
      hint: t.catalog.beansHint,
      optional: true,
    },
    { name: 'sortOrder', label: t.catalog.sortOrder, type: 'number' },
  ];
  const pkgFields: FieldSpec[] = [
    { name: 'id', label: t.catalog.packageId, hint: t.catalog.slugHint, createOnly: true },
    { name: 'coins', label: t.catalog.coins, type: 'number' },
    { name: 'bonusCoins', label: t.catalog.bonusCoins, type: 'number' },
    { name: 'priceCents', label: t.catalog.priceCents, type: 'number' },
    { name: 'currency', label: t.catalog.currency },
    { name: 'sortOrder', label: t.catalog.sortOrder, type: 'number' },
  ];

  const setActive = async (kind: 'gift' | 'package', id: string, name: string, active: boolean) => {
    const input = { params: { id }, body: { active } };
    await (kind === 'gift' ? api(apiRoutes.updateGift, input) : api(apiRoutes.updateCoinPackage, input));
    toast(active ? t.catalog.activated(name) : t.catalog.deactivated(name));
    if (kind === 'gift') gifts.reload();
    else packages.reload();
  };

  const state = (active: boolean) => (
    <Badge kind={active ? 'active' : 'inactive'}>{t.statuses[active ? 'active' : 'inactive']}</Badge>
  );
  const giftColumns: Column<GiftItem>[] = [
    { header: t.catalog.name, className: 'strong', cell: (g) => g.name },
    { header: t.catalog.slug, cell: (g) => <code>{g.slug}</code> },
    { header: t.catalog.icon, cell: (g) => <code>{g.icon}</code> },
    { header: t.catalog.costCoins, numeric: true, cell: (g) => fmtNumber(g.costCoins, locale) },
    { header: t.catalog.beansValue, numeric: true, cell: (g) => fmtNumber(g.beansValue, locale) },
    { header: t.catalog.sortOrder, numeric: true, cell: (g) => g.sortOrder },
    { header: t.catalog.state, cell: (g) => state(g.active) },
  ];
  const packageColumns: Column<AdminCoinPackage>[] = [
    { header: t.catalog.packageId, cell: (p) => <code>{p.id}</code> },
    { header: t.catalog.coins, numeric: true, cell: (p) => fmtNumber(p.coins, locale) },
    { header: t.catalog.bonusCoins, numeric: true, cell: (p) => fmtNumber(p.bonusCoins, locale) },
    {
      header: t.catalog.price,
      numeric: true,
      className: 'nowrap',
      cell: (p) => fmtMoney(p.priceCents, p.currency, locale),
    },
    { header: t.catalog.sortOrder, numeric: true, cell: (p) => p.sortOrder },
    { header: t.catalog.state, cell: (p) => state(p.active) },
  ];

  return (
    <>
      <PageHeader title={t.catalog.title} />
      <CatalogSection
        id="gifts-title"
        title={t.catalog.gifts}
        newLabel={t.catalog.newGift}
        onNew={() => setGiftForm({ editing: null, form: { ...GIFT_EMPTY } })}
      >
        <DataTable
          testId="gifts-table"
          columns={giftColumns}
          rows={gifts.data?.items ?? []}
          rowKey={(g) => g.id}
          rowAttrs={(g) => ({ 'data-testid': 'gift-row', className: g.active ? undefined : 'inactive' })}
          actions={(g) => (
            <RowActions
              active={g.active}
              editLabel={t.catalog.editGift(g.name)}
              onEdit={() => setGiftForm({ editing: g, form: giftOriginal(g) })}
              onDeactivate={() => setDeactivating({ kind: 'gift', item: g })}
              onActivate={() => void setActive('gift', g.id, g.name, true)}
            />
          )}
          emptyText={t.catalog.emptyGifts}
          source={gifts}
        />
      </CatalogSection>

      <CatalogSection
        id="packages-title"
        title={t.catalog.packages}
        newLabel={t.catalog.newPackage}
        onNew={() => setPkgForm({ editing: null, form: { ...PACKAGE_EMPTY } })}
      >
        <DataTable
          testId="packages-table"
          columns={packageColumns}
          rows={packages.data?.items ?? []}
          rowKey={(p) => p.id}
          rowAttrs={(p) => ({ className: p.active ? undefined : 'inactive' })}
          actions={(p) => (
            <RowActions
              active={p.active}
              editLabel={t.catalog.editPackage(p.id)}
              onEdit={() => setPkgForm({ editing: p, form: pkgOriginal(p) })}
              onDeactivate={() => setDeactivating({ kind: 'package', item: p })}
              onActivate={() => void setActive('package', p.id, p.id, true)}
            />
          )}
          emptyText={t.catalog.emptyPackages}
          source={packages}
        />
      </CatalogSection>

      <Dialog
        open={giftForm !== null}
        title={giftForm?.editing ? t.catalog.editGift(giftForm.editing.name) : t.catalog.newGift}
        submitLabel={giftForm?.editing ? t.common.save : t.common.create}
        onSubmit={async () => {
          if (!giftForm) return;
          const { editing, form } = giftForm;
          if (editing) {
            const body = toBody(form, giftOriginal(editing));
            if (Object.keys(body).length > 0) {
              const saved = await api(apiRoutes.updateGift, { params: { id: editing.id }, body });
              toast(t.catalog.saved(saved.name));
            }
          } else {
            const created = await api(apiRoutes.createGift, { body: toBody(form, null) as GiftTypeInput });
            toast(t.catalog.created(created.name));
          }
          gifts.reload();
        }}
        onClose={() => setGiftForm(null)}
      >
        {giftForm && (
          <FormFields
            prefix="gift"
            fields={giftFields.filter((f) => !(f.createOnly && giftForm.editing))}
            form={giftForm.form}
            onChange={(form) => setGiftForm({ ...giftForm, form })}
          />
        )}
      </Dialog>
      <Dialog
        open={pkgForm !== null}
        title={pkgForm?.editing ? t.catalog.editPackage(pkgForm.editing.id) : t.catalog.newPackage}
        submitLabel={pkgForm?.editing ? t.common.save : t.common.create}
        onSubmit={async () => {
          if (!pkgForm) return;
          const { editing, form } = pkgForm;
          if (editing) {
            const body = toBody(form, pkgOriginal(editing));
            if (Object.keys(body).length > 0) {
              await api(apiRoutes.updateCoinPackage, { params: { id: editing.id }, body });
              toast(t.catalog.saved(editing.id));
            }
          } else {
            const body = toBody(form, null);
            await api(apiRoutes.createCoinPackage, { body: body as CoinPackageInput });
            toast(t.catalog.created(String(body.id)));
          }
          packages.reload();
        }}
        onClose={() => setPkgForm(null)}
      >
        {pkgForm && (
          <FormFields
            prefix="pkg"
            fields={pkgFields.filter((f) => !(f.createOnly && pkgForm.editing))}
            form={pkgForm.form}
            onChange={(form) => setPkgForm({ ...pkgForm, form })}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deactivating !== null}
        title={t.catalog.deactivateTitle(
          deactivating?.kind === 'gift' ? deactivating.item.name : (deactivating?.item.id ?? ''),
        )}
        body={t.catalog.deactivateBody}
        confirmLabel={t.catalog.deactivate}
        reason="none"
        onConfirm={async () => {
          if (!deactivating) return;
          if (deactivating.kind === 'gift')
            await setActive('gift', deactivating.item.id, deactivating.item.name, false);
          else await setActive('package', deactivating.item.id, deactivating.item.id, false);
        }}
        onClose={() => setDeactivating(null)}
      />
    </>
  );
}

function FormFields({
  prefix,
  fields,
  form,
  onChange,
}: {
  prefix: string;
  fields: FieldSpec[];
  form: Form;
  onChange(form: Form): void;
}) {
  return (
    <div className="form-grid">
      {fields.map((f) => {
        const id = `${prefix}-${f.name}`;
        return (
          <TextField
            key={f.name}
            id={id}
            label={f.label}
            hint={f.hint}
            type={f.type ?? 'text'}
            inputMode={f.type === 'number' ? 'numeric' : undefined}
            min={f.type === 'number' ? 0 : undefined}
            step={f.type === 'number' ? 1 : undefined}
            required={!f.optional}
            value={form[f.name] ?? ''}
            onChange={(e) => onChange({ ...form, [f.name]: e.target.value })}
          />
        );
      })}
    </div>
  );
}

/** Edit, then deactivate (behind a confirmation) or activate again: the same for gifts and packages. */
function RowActions({
  active,
  editLabel,
  onEdit,
  onDeactivate,
  onActivate,
}: {
  active: boolean;
  editLabel: string;
  onEdit(): void;
  onDeactivate(): void;
  onActivate(): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <RowAction label={t.common.edit} ariaLabel={editLabel} onClick={onEdit} />{' '}
      {active ? (
        <RowAction kind="danger" label={t.catalog.deactivate} onClick={onDeactivate} />
      ) : (
        <RowAction label={t.catalog.activate} onClick={onActivate} />
      )}
    </>
  );
}

/** A catalog list under its heading, with the button that opens the "new" form. */
function CatalogSection({
  id,
  title,
  newLabel,
  onNew,
  children,
}: {
  id: string;
  title: string;
  newLabel: string;
  onNew(): void;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="detail-section">
      <div className="section-head">
        <h2 id={id} className="section-title">
          {title}
        </h2>
        <button type="button" className="btn btn-primary btn-small" onClick={onNew}>
          + {newLabel}
        </button>
      </div>
      {children}
    </section>
  );
}
