import type { ReactNode } from 'react';
import { ActivityIndicator, Pressable, StyleSheet, Text, View, type ViewStyle } from 'react-native';
import { useI18n } from '../i18n/index.tsx';
import { useConnectionStatus } from '../lib/socket.tsx';

export const colors = {
  bg: '#0d0d12',
  card: '#1a1a24',
  border: '#2c2c3a',
  text: '#f4f4f8',
  muted: '#a0a0b4',
  accent: '#ff3d71',
  ok: '#3ddc97',
  error: '#ff6b6b',
};

export function Button({
  title,
  onPress,
  disabled,
  kind = 'primary',
  testID,
  style,
}: {
  title: string;
  onPress(): void;
  disabled?: boolean;
  kind?: 'primary' | 'secondary' | 'danger';
  testID?: string;
  style?: ViewStyle;
}) {
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityState={{ disabled: Boolean(disabled) }}
      disabled={disabled}
      onPress={onPress}
      testID={testID}
      style={({ pressed }) => [
        styles.button,
        kind === 'secondary' && styles.secondary,
        kind === 'danger' && styles.danger,
        (pressed || disabled) && { opacity: 0.6 },
        style,
      ]}
    >
      <Text style={styles.buttonText}>{title}</Text>
    </Pressable>
  );
}

export function Centered({ children, testID }: { children: ReactNode; testID?: string }) {
  return (
    <View style={styles.centered} testID={testID}>
      {children}
    </View>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <Centered testID="loading">
      <ActivityIndicator color={colors.accent} />
      <Text style={styles.muted}>{t.common.loading}</Text>
    </Centered>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Centered testID="error">
      <Text style={styles.error} accessibilityRole="alert">
        {message}
      </Text>
      {onRetry && <Button title={t.common.retry} onPress={onRetry} kind="secondary" testID="retry" />}
    </Centered>
  );
}

/** Shown over any screen while the realtime connection is down. */
export function ReconnectingBanner() {
  const { t } = useI18n();
  const status = useConnectionStatus();
  if (status !== 'reconnecting') return null;
  return (
    <View style={styles.banner} testID="reconnecting" accessibilityRole="alert">
      <Text style={styles.bannerText}>{t.common.reconnecting}</Text>
    </View>
  );
}

export const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.bg },
  centered: { flex: 1, alignItems: 'center', justifyContent: 'center', padding: 24, gap: 12 },
  muted: { color: colors.muted, textAlign: 'center' },
  text: { color: colors.text },
  h1: { color: colors.text, fontSize: 24, fontWeight: '700' },
  error: { color: colors.error, textAlign: 'center' },
  button: {
    backgroundColor: colors.accent,
    paddingVertical: 12,
    paddingHorizontal: 18,
    borderRadius: 12,
    alignItems: 'center',
    minHeight: 44,
    justifyContent: 'center',
  },
  secondary: { backgroundColor: colors.card, borderWidth: 1, borderColor: colors.border },
  danger: { backgroundColor: '#c0392b' },
  buttonText: { color: '#fff', fontWeight: '700', fontSize: 16 },
  input: {
    backgroundColor: colors.card,
    color: colors.text,
    borderRadius: 10,
    borderWidth: 1,
    borderColor: colors.border,
    paddingHorizontal: 12,
    paddingVertical: 10,
    fontSize: 16,
    minHeight: 44,
  },
  chip: {
    paddingHorizontal: 12,
    paddingVertical: 8,
    borderRadius: 16,
    backgroundColor: colors.card,
    borderWidth: 1,
    borderColor: colors.border,
    marginRight: 8,
  },
  chipActive: { backgroundColor: colors.accent, borderColor: colors.accent },
  chipText: { color: colors.text },
  banner: { backgroundColor: '#8a5a00', padding: 8 },
  bannerText: { color: '#fff', textAlign: 'center' },
});

export { giftIcon } from '@airwave/client';
