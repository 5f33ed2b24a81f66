'use client';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { errorText } from '../lib/error-text.ts';
import { useI18n } from '../lib/i18n.tsx';

interface DialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  submitLabel: string;
  danger?: boolean;
  canSubmit?: boolean;
  /** Resolves to close the dialog; a rejection is shown inside it and keeps it open. */
  onSubmit(): Promise<void>;
  onClose(): void;
}

/** A modal form on the native <dialog>: focus moves in, Escape closes, the page behind is inert. */
export function Dialog({
  open,
  title,
  children,
  submitLabel,
  danger,
  canSubmit = true,
  onSubmit,
  onClose,
}: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setError(null);
      setBusy(false);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !canSubmit) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
      onClose();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      {open && (
        <form onSubmit={submit}>
          <h2 id={titleId}>{title}</h2>
          {children}
          {error && (
            <div className="alert alert-error" role="alert">
              {error}
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t.common.cancel}
            </button>
            <button
              type="submit"
              className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
              disabled={busy || !canSubmit}
              aria-busy={busy}
            >
              {submitLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

interface ConfirmProps {
  open: boolean;
  title: string;
  body?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** 'required': a reason of at least 3 characters; 'optional': a free note; 'none': no field. */
  reason?: 'required' | 'optional' | 'none';
  reasonLabel?: string;
  /** Extra fields above the reason; `ready` false keeps the confirm button disabled. */
  extra?: ReactNode;
  ready?: boolean;
  onConfirm(reason: string): Promise<void>;
  onClose(): void;
}

/** "Are you sure?" for destructive actions, with the reason the audit log records. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  danger = true,
  reason = 'required',
  reasonLabel,
  extra,
  ready = true,
  onConfirm,
  onClose,
}: ConfirmProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const id = useId();
  useEffect(() => {
    if (open) setText('');
  }, [open]);
  const reasonOk = reason !== 'required' || text.trim().length >= 3;
  return (
    <Dialog
      open={open}
      title={title}
      submitLabel={confirmLabel}
      danger={danger}
      canSubmit={reasonOk && ready}
      onSubmit={() => onConfirm(text.trim())}
      onClose={onClose}
    >
      {body && <div className="muted dialog-body">{body}</div>}
      {extra}
      {reason !== 'none' && (
        <div className="field">
          <label htmlFor={id}>{reasonLabel ?? t.common.reason}</label>
          <textarea
            id={id}
            className="input"
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            required={reason === 'required'}
            minLength={reason === 'required' ? 3 : undefined}
            maxLength={500}
            aria-describedby={reason === 'required' ? `${id}-hint` : undefined}
          />
          {reason === 'required' && (
            <span id={`${id}-hint`} className="hint">
              {t.common.reasonHint}
            </span>
          )}
        </div>
      )}
    </Dialog>
  );
}
