import { actOnMessage, type ChatAction, chatActionsFor, sendChatMessage } from '@airwave/client';
import { useBlocks, useSecondsLeft } from '@airwave/client/react';
import { CHAT_MESSAGE_MAX, type ChatMessage, type ChatRestriction, type ChatSettings } from '@airwave/shared';
import { useEffect, useRef, useState } from 'react';
import { FlatList, Pressable, StyleSheet, Text, TextInput, View } from 'react-native';
import { failure, refusal } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../lib/auth.tsx';
import type { AirwaveSocket } from '../lib/socket.tsx';
import { colors, styles as ui } from './ui.tsx';

/**
 * Chat over the video: the last messages in the lower-left band (at most a third of the screen's
 * height and three quarters of its width, so the picture's centre stays clear) and a text field that
 * keeps what was typed through slow mode and rate limits. A long press on a message opens its
 * actions: delete, time out and ban for the room's moderators, report and block for everyone (none on
 * your own).
 */
export function ChatOverlay({
  socket,
  streamId,
  messages,
  restriction,
  settings,
  canModerate,
  disabled,
  right,
}: {
  socket: AirwaveSocket | null;
  streamId: string;
  messages: ChatMessage[];
  restriction: ChatRestriction | null;
  settings: ChatSettings | null;
  canModerate: boolean;
  /** Not in the room yet (a slow join, a reconnect): the server would refuse the message. */
  disabled: boolean;
  right?: React.ReactNode;
}) {
  const { t } = useI18n();
  const { user } = useAuth();
  const blocks = useBlocks();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [nextAllowedAt, setNextAllowedAt] = useState(0);
  const [selected, setSelected] = useState<ChatMessage | null>(null);
  const wait = useSecondsLeft(nextAllowedAt);
  const list = useRef<FlatList<ChatMessage>>(null);

  useEffect(() => {
    if (messages.length) list.current?.scrollToEnd({ animated: false });
  }, [messages.length]);

  async function send() {
    const body = text.trim();
    if (!socket || !body || wait > 0 || disabled || restriction) return;
    setSending(true);
    const res = await sendChatMessage(socket, streamId, body, { settings, canModerate });
    setSending(false);
    setNextAllowedAt(res.nextAllowedAt);
    if (res.ok) {
      // Whatever was typed while this one was on its way stays in the box.
      setText((current) => (current.trim() === body ? '' : current));
      setError(null);
    } else setError(refusal(res.error, t));
  }

  async function act(action: ChatAction) {
    const message = selected;
    setSelected(null);
    if (!message) return;
    if (action === 'block') {
      try {
        await blocks.list?.block(message.author.id);
        setError(null);
        setNotice(t.blocks.blocked(message.author.nickname));
      } catch (err) {
        setError(failure(err, t));
      }
      return;
    }
    if (!socket) return;
    const res = await actOnMessage(socket, streamId, message, action, 'Reported from chat');
    if (!res.ok) setError(refusal(res.error, t));
    else setNotice(action === 'report' ? t.chat.reported : t.chat.done);
  }

  const actionsOn = (message: ChatMessage) => chatActionsFor(message, { userId: user?.id, canModerate });
  const actionLabel: Record<ChatAction, string> = {
    delete: t.chat.deleteMessage,
    timeout: t.chat.timeout,
    ban: t.chat.ban,
    report: t.chat.report,
    block: t.blocks.block,
  };
  const blocked = Boolean(restriction) || disabled;
  return (
    <View style={styles.wrap} pointerEvents="box-none">
      <FlatList
        ref={list}
        style={styles.list}
        data={messages}
        keyExtractor={(m) => String(m.id)}
        renderItem={({ item }) => (
          <Pressable
            style={styles.bubble}
            testID="chat-message"
            onLongPress={() => actionsOn(item).length > 0 && setSelected(item)}
            accessibilityHint={
              actionsOn(item).length > 0 ? t.chat.actionsFor(item.author.nickname) : undefined
            }
          >
            <Text style={styles.text}>
              <Text style={styles.author}>{item.author.nickname} </Text>
              {item.text}
            </Text>
          </Pressable>
        )}
      />
      {selected && (
        <View
          style={styles.actions}
          testID="chat-actions"
          accessibilityLabel={t.chat.actionsFor(selected.author.nickname)}
        >
          {actionsOn(selected).map((action) => (
            <Pressable
              key={action}
              accessibilityRole="button"
              onPress={() => void act(action)}
              style={styles.action}
              testID={`chat-action-${action}`}
            >
              <Text style={styles.actionText}>{actionLabel[action]}</Text>
            </Pressable>
          ))}
          <Pressable accessibilityRole="button" onPress={() => setSelected(null)} style={styles.action}>
            <Text style={styles.actionText}>{t.chat.cancel}</Text>
          </Pressable>
        </View>
      )}
      {restriction && (
        <Text style={ui.error} testID="chat-status">
          {restriction.kind === 'ban' ? t.chat.banned : t.chat.restricted}
        </Text>
      )}
      {error && <Text style={ui.error}>{error}</Text>}
      {notice && !error && <Text style={styles.notice}>{notice}</Text>}
      {settings && settings.slowModeSeconds > 0 && !canModerate && (
        <Text style={styles.notice} testID="slow-mode">
          {t.chat.slowMode(settings.slowModeSeconds)}
        </Text>
      )}
      <View style={styles.row}>
        <TextInput
          style={[ui.input, styles.input]}
          value={text}
          onChangeText={setText}
          placeholder={t.chat.placeholder}
          placeholderTextColor={colors.muted}
          accessibilityLabel={t.chat.placeholder}
          maxLength={CHAT_MESSAGE_MAX}
          editable={!blocked}
          onSubmitEditing={() => void send()}
          returnKeyType="send"
        />
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={wait > 0 ? t.chat.wait(wait) : t.chat.send}
          disabled={blocked || sending || wait > 0 || !text.trim()}
          onPress={() => void send()}
          style={[styles.send, wait > 0 && styles.sendWaiting]}
          testID="chat-send"
        >
          <Text style={ui.buttonText} testID="chat-send-label">
            {wait > 0 ? wait : '➤'}
          </Text>
        </Pressable>
        {right}
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { position: 'absolute', left: 0, right: 0, bottom: 0, padding: 10, gap: 6 },
  list: { maxHeight: '33%', maxWidth: '75%', flexGrow: 0 },
  bubble: {
    backgroundColor: 'rgba(0,0,0,0.45)',
    borderRadius: 10,
    paddingHorizontal: 8,
    paddingVertical: 4,
    marginBottom: 4,
    alignSelf: 'flex-start',
  },
  text: { color: '#fff', fontSize: 14 },
  author: { color: '#ffd36b', fontWeight: '700' },
  actions: { flexDirection: 'row', flexWrap: 'wrap', gap: 6 },
  action: {
    backgroundColor: 'rgba(0,0,0,0.7)',
    borderRadius: 14,
    paddingHorizontal: 12,
    minHeight: 36,
    justifyContent: 'center',
  },
  actionText: { color: '#fff', fontWeight: '600' },
  notice: { color: '#eee', fontSize: 13 },
  row: { flexDirection: 'row', gap: 8, alignItems: 'center' },
  input: { flex: 1, backgroundColor: 'rgba(0,0,0,0.55)' },
  send: {
    backgroundColor: colors.accent,
    width: 44,
    height: 44,
    borderRadius: 22,
    alignItems: 'center',
    justifyContent: 'center',
  },
  sendWaiting: { backgroundColor: colors.card },
});
