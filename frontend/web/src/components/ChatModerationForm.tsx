'use client';
import type { BannedWordsAction, ChatSettings, JoinStreamResult } from '@airwave/shared';
import { Field, TextField } from '@airwave/ui';
import { type FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { emitWithAck, useSocket } from '../lib/socket-context.tsx';
import { ackErrorText } from './error-text.ts';

/** The account and follow ages offered (minutes); a value set elsewhere is shown too. */
const AGES = [0, 10, 60, 1440, 10080];
const agesWith = (current: number) => [...new Set([...AGES, current])].sort((a, b) => a - b);

/** The streamer's own channel rules: slow mode, who may chat, banned words and what they do. */
export function ChatModerationForm({ streamId }: { streamId: string }) {
  const { t } = useI18n();
  const socket = useSocket();
  const [settings, setSettings] = useState<ChatSettings | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!socket) return;
    // Joining the room answers with the current rules; ended streams still carry the channel's rules.
    void emitWithAck(socket, 'join-stream', { streamId }).then((res) => {
      if (res.ok) setSettings((res as { ok: true } & JoinStreamResult).chatSettings);
    });
  }, [socket, streamId]);

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!socket) return;
    const form = new FormData(e.currentTarget);
    const res = await emitWithAck(socket, 'update-chat-settings', {
      streamId,
      slowModeSeconds: Number(form.get('slowMode') ?? 0),
      registeredOnly: form.get('registeredOnly') === 'on',
      minAccountAgeMinutes: Number(form.get('minAccountAge') ?? 0),
      followersOnly: form.get('followersOnly') === 'on',
      minFollowAgeMinutes: Number(form.get('minFollowAge') ?? 0),
      bannedWords: String(form.get('bannedWords') ?? '')
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean),
      bannedWordsAction: String(form.get('bannedAction')) as BannedWordsAction,
    });
    if (res.ok) {
      setSettings(res.settings);
      setStatus({ ok: true, text: t.dashboard.saved });
    } else setStatus({ ok: false, text: ackErrorText(res.error, t) });
  }

  if (!settings) return <p className="muted">{t.dashboard.goLiveFirst}</p>;
  return (
    <form onSubmit={save}>
      <TextField
        id="slowMode"
        label={t.dashboard.slowMode}
        name="slowMode"
        type="number"
        min={0}
        max={3600}
        defaultValue={settings.slowModeSeconds}
      />
      <div className="field">
        <label className="row">
          <input type="checkbox" name="registeredOnly" defaultChecked={settings.registeredOnly} />{' '}
          {t.dashboard.registeredOnly}
        </label>
      </div>
      <Field id="minAccountAge" label={t.dashboard.minAccountAge}>
        <select
          id="minAccountAge"
          name="minAccountAge"
          className="input"
          defaultValue={settings.minAccountAgeMinutes}
        >
          {agesWith(settings.minAccountAgeMinutes).map((m) => (
            <option key={m} value={m}>
              {t.dashboard.accountAges[m] ?? t.dashboard.minutes(m)}
            </option>
          ))}
        </select>
      </Field>
      <div className="field">
        <label className="row">
          <input type="checkbox" name="followersOnly" defaultChecked={settings.followersOnly} />{' '}
          {t.dashboard.followersOnly}
        </label>
      </div>
      <Field id="minFollowAge" label={t.dashboard.minFollowAge}>
        <select
          id="minFollowAge"
          name="minFollowAge"
          className="input"
          defaultValue={settings.minFollowAgeMinutes}
        >
          {agesWith(settings.minFollowAgeMinutes).map((m) => (
            <option key={m} value={m}>
              {m === 0 ? t.dashboard.anyFollower : t.duration(m)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="bannedWords" label={t.dashboard.bannedWords}>
        <textarea
          id="bannedWords"
          name="bannedWords"
          className="input"
          rows={2}
          defaultValue={settings.bannedWords.join(', ')}
        />
      </Field>
      <Field id="bannedAction" label={t.dashboard.bannedAction}>
        <select
          id="bannedAction"
          name="bannedAction"
          className="input"
          defaultValue={settings.bannedWordsAction}
        >
          <option value="block">{t.dashboard.block}</option>
          <option value="mask">{t.dashboard.mask}</option>
        </select>
      </Field>
      <button className="btn btn-primary" type="submit">
        {t.common.save}
      </button>
      {status && (
        <p className={`alert ${status.ok ? 'alert-ok' : 'alert-error'}`} role="status">
          {status.text}
        </p>
      )}
    </form>
  );
}
