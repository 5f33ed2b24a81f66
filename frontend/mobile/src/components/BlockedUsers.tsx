import { useBlocks } from '@airwave/client/react';
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { failure } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { Button, colors, styles as ui } from './ui.tsx';

/** The account's blocked users (the profile tab is the phone's account area), each with Unblock. */
export function BlockedUsers() {
  const { t, locale } = useI18n();
  const { items, status, list } = useBlocks();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void> | undefined, id: string) {
    setBusy(id);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(failure(err, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <View style={styles.card} testID="blocked-users">
      <Text style={styles.title}>{t.blocks.title}</Text>
      <Text style={ui.muted}>{t.blocks.intro}</Text>
      {status === 'loading' && <Text style={ui.muted}>{t.blocks.loading}</Text>}
      {status === 'failed' && (
        <>
          <Text style={ui.error}>{t.blocks.loadFailed}</Text>
          <Button
            title={t.blocks.retry}
            kind="secondary"
            onPress={() => void run(() => list?.load(), 'load')}
          />
        </>
      )}
      {status === 'ready' && items.length === 0 && <Text style={ui.text}>{t.blocks.empty}</Text>}
      {error && <Text style={ui.error}>{error}</Text>}
      {items.map((b) => (
        <View key={b.user.id} style={styles.row} testID="blocked-user">
          <View style={{ flex: 1 }}>
            <Text style={ui.text}>{b.user.nickname}</Text>
            <Text style={ui.muted}>
              {t.blocks.blockedOn(new Date(b.blockedAt).toLocaleDateString(locale))}
            </Text>
          </View>
          <Button
            title={t.blocks.unblock}
            kind="secondary"
            disabled={busy === b.user.id}
            onPress={() => void run(() => list?.unblock(b.user.id), b.user.id)}
            testID={`unblock-${b.user.id}`}
          />
        </View>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  card: { backgroundColor: colors.card, borderRadius: 14, padding: 12, gap: 8 },
  title: { color: colors.text, fontSize: 18, fontWeight: '700' },
  row: { flexDirection: 'row', alignItems: 'center', gap: 10 },
});
