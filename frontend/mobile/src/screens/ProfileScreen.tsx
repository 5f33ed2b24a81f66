import { ScrollView, StyleSheet, Text, View } from 'react-native';
import { BlockedUsers } from '../components/BlockedUsers.tsx';
import { Button, colors, Loading, styles as ui } from '../components/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { Locale } from '../i18n/messages.ts';
import { useAuth } from '../lib/auth.tsx';

export function ProfileScreen() {
  const { t, locale, setLocale } = useI18n();
  const { user, logout } = useAuth();
  if (!user) return <Loading />;
  const stats: [string, number][] = [
    [t.profile.streams, user.stats.streamsCount],
    [t.profile.giftsSent, user.stats.giftsSent],
    [t.profile.giftsReceived, user.stats.giftsReceived],
  ];
  return (
    <ScrollView style={ui.screen} contentContainerStyle={{ padding: 16, gap: 14 }} testID="profile-screen">
      <View style={styles.avatar}>
        <Text style={styles.initial}>{user.nickname.slice(0, 1).toUpperCase()}</Text>
      </View>
      <Text style={[ui.h1, { textAlign: 'center' }]} testID="profile-nickname">
        {user.nickname}
      </Text>
      <Text style={ui.muted}>{user.email}</Text>
      <Text style={ui.muted}>{t.profile.memberSince(new Date(user.createdAt).toLocaleDateString())}</Text>
      {user.bio ? <Text style={ui.text}>{user.bio}</Text> : null}
      <View style={styles.stats}>
        {stats.map(([label, value]) => (
          <View key={label} style={styles.stat}>
            <Text style={styles.value}>{value}</Text>
            <Text style={ui.muted}>{label}</Text>
          </View>
        ))}
      </View>
      <Text style={ui.muted}>
        🪙 {t.common.coins(user.coins)} · 🫘 {t.common.beans(user.beans)}
      </Text>
      <Text style={ui.text}>{t.profile.language}</Text>
      <View style={{ flexDirection: 'row', gap: 10 }}>
        {(['en', 'ru'] as Locale[]).map((l) => (
          <Button
            key={l}
            title={l === 'en' ? 'English' : 'Русский'}
            kind={locale === l ? 'primary' : 'secondary'}
            onPress={() => setLocale(l)}
            style={{ flex: 1 }}
            testID={`locale-${l}`}
          />
        ))}
      </View>
      <BlockedUsers />
      <Button title={t.auth.signOut} kind="secondary" onPress={() => void logout()} testID="sign-out" />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  avatar: {
    alignSelf: 'center',
    width: 84,
    height: 84,
    borderRadius: 42,
    backgroundColor: colors.accent,
    alignItems: 'center',
    justifyContent: 'center',
  },
  initial: { color: '#fff', fontSize: 38, fontWeight: '800' },
  stats: { flexDirection: 'row', gap: 10 },
  stat: { flex: 1, backgroundColor: colors.card, borderRadius: 14, padding: 12, alignItems: 'center' },
  value: { color: colors.text, fontSize: 22, fontWeight: '800' },
});
