'use client';
import { actOnMessage, type ChatAction, chatActionsFor, sendChatMessage } from '@airwave/client';
import { useBlocks, useSecondsLeft } from '@airwave/client/react';
import type { ChatMessage, ChatRestriction, ChatSettings } from '@airwave/shared';
import { CHAT_MESSAGE_MAX } from '@airwave/shared';
import { TextField } from '@airwave/ui';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { type FormEvent, useLayoutEffect, useRef, useState } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import type { AirwaveSocket } from '../lib/socket-context.tsx';
import { ackErrorText, errorText } from './error-text.ts';

interface Props {
  socket: AirwaveSocket;
  streamId: string;
  messages: ChatMessage[];
  settings: ChatSettings | null;
  canModerate: boolean;
  restriction: ChatRestriction | null;
  ended: boolean;
  /** In the room (see RoomState.joined): the composer waits for it. */
  joined: boolean;
}

/**
 * Live chat: a virtualised list that follows new messages until the reader scrolls up, a composer
 * that keeps the unsent text through rate limits and slow mode, and moderator actions per message.
 */
export function Chat({
  socket,
  streamId,
  messages,
  settings,
  canModerate,
  restriction,
  ended,
  joined,
}: Props) {
  const { t } = useI18n();
  const { user } = useAuth();
  const blocks = useBlocks();
  const scroller = useRef<HTMLDivElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [cooldownUntil, setCooldownUntil] = useState(0);
  const [following, setFollowing] = useState(true);
  const [menuFor, setMenuFor] = useState<number | null>(null);
  const waitSeconds = useSecondsLeft(cooldownUntil);

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 30,
    overscan: 12,
    getItemKey: (i) => messages[i]?.id ?? i,
  });

  useLayoutEffect(() => {
    if (following && messages.length > 0) virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
  }, [messages.length, following, virtualizer]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    setFollowing(el.scrollHeight - el.scrollTop - el.clientHeight < 40);
  };

  async function send(e: FormEvent) {
    e.preventDefault();
    const body = text.trim();
    if (!body || waitSeconds > 0) return;
    setError(null);
    const res = await sendChatMessage(socket, streamId, body, { settings, canModerate });
    if (res.nextAllowedAt > Date.now()) setCooldownUntil(res.nextAllowedAt);
    if (res.ok) {
      // Whatever was typed while this one was on its way stays in the box.
      setText((current) => (current.trim() === body ? '' : current));
      setFollowing(true);
      return;
    }
    setError(ackErrorText(res.error, t));
  }

  async function moderate(message: ChatMessage, action: ChatAction) {
    setMenuFor(null);
    if (action === 'block') {
      setError(null);
      try {
        await blocks.list?.block(message.author.id);
        setNotice(t.blocks.blocked(message.author.nickname));
      } catch (err) {
        setError(errorText(err, t));
      }
      return;
    }
    const res = await actOnMessage(socket, streamId, message, action, 'Reported from chat');
    if (!res.ok) setError(ackErrorText(res.error, t));
    else if (action === 'report') setNotice(t.chat.reported);
  }

  const blocked =
    restriction && restriction.kind !== 'unban'
      ? restriction.kind === 'ban'
        ? t.chat.banned
        : t.chat.timedOut(new Date(restriction.until ?? Date.now()).toLocaleTimeString())
      : null;
  const actionLabel: Record<ChatAction, string> = {
    delete: t.chat.deleteMessage,
    timeout: t.chat.timeout,
    ban: t.chat.ban,
    report: t.chat.report,
    block: t.blocks.block,
  };
  const badgeText = { streamer: t.chat.streamerBadge, moderator: t.chat.modBadge, admin: t.chat.adminBadge };

  return (
    <section className="card chat" aria-label={t.chat.title}>
      <h2>{t.chat.title}</h2>
      {settings && settings.slowModeSeconds > 0 && (
        <p className="hint">{t.chat.slowMode(settings.slowModeSeconds)}</p>
      )}
      {settings?.followersOnly && (
        <p className="hint">
          {t.chat.followersOnly(
            settings.minFollowAgeMinutes ? t.duration(settings.minFollowAgeMinutes) : null,
          )}
        </p>
      )}
      <div
        ref={scroller}
        className="chat-list"
        onScroll={onScroll}
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        data-testid="chat-list"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls, so keyboard users must reach it
        tabIndex={0}
      >
        {messages.length === 0 && <p className="muted">{t.chat.empty}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const m = messages[row.index];
            if (!m) return null;
            const actions = chatActionsFor(m, { userId: user?.id, canModerate });
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="chat-msg"
                data-testid="chat-message"
                data-message-id={m.id}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${row.start}px)`,
                }}
              >
                {m.author.badge && (
                  <span className={`chat-badge ${m.author.badge}`}>{badgeText[m.author.badge]}</span>
                )}
                <span className="chat-author">{m.author.nickname}</span>
                <span>{m.text}</span>
                {actions.length > 0 && (
                  <>
                    <button
                      type="button"
                      className="chat-menu-btn"
                      aria-haspopup="menu"
                      aria-expanded={menuFor === m.id}
                      aria-label={t.chat.actionsFor(m.author.nickname)}
                      onClick={() => setMenuFor(menuFor === m.id ? null : m.id)}
                    >
                      ⋯
                    </button>
                    {menuFor === m.id && (
                      <div className="chat-menu" role="menu">
                        {actions.map((action) => (
                          <button
                            key={action}
                            type="button"
                            role="menuitem"
                            onClick={() => void moderate(m, action)}
                          >
                            {actionLabel[action]}
                          </button>
                        ))}
                      </div>
                    )}
                  </>
                )}
              </div>
            );
          })}
        </div>
      </div>
      {!following && (
        <button type="button" className="btn btn-small chat-jump" onClick={() => setFollowing(true)}>
          {t.chat.newMessages}
        </button>
      )}
      {(error || blocked || notice) && (
        <div
          className={`alert ${error || blocked ? 'alert-error' : 'alert-ok'}`}
          role="status"
          data-testid="chat-status"
        >
          {blocked ?? error ?? notice}
        </div>
      )}
      {user ? (
        <form className="chat-form" onSubmit={send}>
          <TextField
            id="chat-input"
            label={t.chat.placeholder}
            hiddenLabel
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={CHAT_MESSAGE_MAX}
            placeholder={t.chat.placeholder}
            disabled={ended || !joined || Boolean(blocked)}
            autoComplete="off"
          />
          <button
            className="btn btn-primary"
            type="submit"
            disabled={ended || !joined || Boolean(blocked) || waitSeconds > 0 || !text.trim()}
          >
            {waitSeconds > 0 ? t.chat.waitSeconds(waitSeconds) : t.chat.send}
          </button>
        </form>
      ) : (
        <Link className="btn" href={`/login?next=/streams/${streamId}`}>
          {t.chat.signInToChat}
        </Link>
      )}
    </section>
  );
}
