import { createGiftSender } from '@airwave/client';
import type { GiftItem } from '@airwave/shared';
import { useEffect, useMemo, useState } from 'react';
import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';
import { refusal } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { endpoints } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import type { AirwaveSocket } from '../lib/socket.tsx';
import { Button, colors, giftIcon, styles as ui } from './ui.tsx';

/** The gift catalog as a bottom sheet: price, what the streamer receives, balance, send. */
export function GiftSheet({
  socket,
  streamId,
  disabled,
  onClose,
}: {
  socket: AirwaveSocket | null;
  streamId: string;
  /** Not in the room yet (a slow join, a reconnect): the server would refuse the gift. */
  disabled: boolean;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { user, setCoins } = useAuth();
  const [gifts, setGifts] = useState<GiftItem[] | null>(null);
  const [selected, setSelected] = useState<GiftItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const sender = useMemo(() => (socket ? createGiftSender(socket, streamId) : null), [socket, streamId]);

  useEffect(() => {
    endpoints
      .gifts()
      .then((c) => setGifts(c.items.filter((g) => g.active)))
      .catch(() => setError(t.common.networkError));
  }, [t]);

  async function send() {
    if (!sender || !selected) return;
    setSending(true);
    setError(null);
    const res = await sender.send(selected.id, 1);
    setSending(false);
    if (res.ok) {
      setCoins(res.coins);
      setNotice(t.gifts.sent(selected.name));
    } else setError(res.error.code === 'INSUFFICIENT_FUNDS' ? t.gifts.notEnough : refusal(res.error, t));
  }

  return (
    <View style={styles.sheet} testID="gift-sheet" accessibilityLabel={t.gifts.title}>
      <View style={styles.header}>
        <Text style={ui.h1}>{t.gifts.title}</Text>
        <Text style={ui.muted} testID="gift-balance">
          {t.gifts.balance(user?.coins ?? 0)}
        </Text>
      </View>
      {!gifts && !error && <Text style={ui.muted}>{t.common.loading}</Text>}
      <ScrollView contentContainerStyle={styles.grid} style={{ maxHeight: 220 }}>
        {gifts?.map((g) => (
          <Pressable
            key={g.id}
            accessibilityRole="button"
            accessibilityLabel={`${g.name}, ${g.costCoins}`}
            accessibilityState={{ selected: selected?.id === g.id }}
            testID={`gift-${g.slug}`}
            onPress={() => {
              setSelected(g);
              setNotice(null);
            }}
            style={[styles.gift, selected?.id === g.id && styles.giftSelected]}
          >
            <Text style={styles.icon}>{giftIcon(g.icon)}</Text>
            <Text style={ui.text} numberOfLines={1}>
              {g.name}
            </Text>
            <Text style={ui.muted}>🪙 {g.costCoins}</Text>
          </Pressable>
        ))}
      </ScrollView>
      {selected && (
        <Text style={ui.muted} testID="gift-receives">
          {t.gifts.receives(selected.beansValue)}
        </Text>
      )}
      {error && (
        <Text style={ui.error} accessibilityRole="alert">
          {error}
        </Text>
      )}
      {notice && <Text style={{ color: colors.ok }}>{notice}</Text>}
      <View style={styles.actions}>
        <Button
          title={t.gifts.close}
          kind="secondary"
          onPress={onClose}
          style={{ flex: 1 }}
          testID="gift-close"
        />
        <Button
          title={t.gifts.send}
          onPress={() => void send()}
          disabled={!selected || sending || disabled}
          style={{ flex: 1 }}
          testID="send-gift"
        />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  sheet: {
    position: 'absolute',
    left: 0,
    right: 0,
    bottom: 0,
    backgroundColor: colors.bg,
    borderTopLeftRadius: 18,
    borderTopRightRadius: 18,
    padding: 16,
    gap: 10,
    borderTopWidth: 1,
    borderColor: colors.border,
  },
  header: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center' },
  grid: { flexDirection: 'row', flexWrap: 'wrap', gap: 8 },
  gift: {
    width: 80,
    alignItems: 'center',
    padding: 6,
    borderRadius: 12,
    backgroundColor: colors.card,
    borderWidth: 2,
    borderColor: 'transparent',
  },
  giftSelected: { borderColor: colors.accent },
  icon: { fontSize: 28 },
  actions: { flexDirection: 'row', gap: 10 },
});
