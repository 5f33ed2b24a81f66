import { CHAT_MESSAGE_MAX, type ChatMessage, type ChatRestriction } from '@airwave/shared';
import { useEffect, useRef, useState } from 'react';
import { FlatList, Pressable, StyleSheet, Text, TextInput, View } from 'react-native';
import { refusal } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { type AirwaveSocket, emitWithAck } from '../lib/socket.tsx';
import { colors, styles as ui } from './ui.tsx';

/**
 * Chat over the video: the last messages in the lower-left band (at most a third of the screen's
 * height and three quarters of its width, so the picture's centre stays clear) and a text field.
 */
export function ChatOverlay({
  socket,
  streamId,
  messages,
  restriction,
  disabled,
  right,
}: {
  socket: AirwaveSocket | null;
  streamId: string;
  messages: ChatMessage[];
  restriction: ChatRestriction | null;
  disabled?: boolean;
  right?: React.ReactNode;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const list = useRef<FlatList<ChatMessage>>(null);

  useEffect(() => {
    if (messages.length) list.current?.scrollToEnd({ animated: false });
  }, [messages.length]);

  async function send() {
    const body = text.trim();
    if (!socket || !body) return;
    setSending(true);
    const res = await emitWithAck(socket, 'send-message', { streamId, text: body });
    setSending(false);
    if (res.ok) {
      setText('');
      setError(null);
    } else setError(refusal(res.error, t));
  }

  const blocked = Boolean(restriction) || disabled;
  return (
    <View style={styles.wrap} pointerEvents="box-none">
      <FlatList
        ref={list}
        style={styles.list}
        data={messages}
        keyExtractor={(m) => String(m.id)}
        renderItem={({ item }) => (
          <View style={styles.bubble} testID="chat-message">
            <Text style={styles.text}>
              <Text style={styles.author}>{item.author.nickname} </Text>
              {item.text}
            </Text>
          </View>
        )}
      />
      {restriction && (
        <Text style={ui.error} testID="chat-status">
          {restriction.kind === 'ban' ? t.chat.banned : t.chat.restricted}
        </Text>
      )}
      {error && <Text style={ui.error}>{error}</Text>}
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
          accessibilityLabel={t.chat.send}
          disabled={blocked || sending || !text.trim()}
          onPress={() => void send()}
          style={styles.send}
          testID="chat-send"
        >
          <Text style={ui.buttonText}>➤</Text>
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
});
