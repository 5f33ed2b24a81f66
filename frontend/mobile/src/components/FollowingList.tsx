import { followsApi } from '@airwave/client';
import type { FollowedChannel } from '@airwave/shared';
import { useCallback, useEffect, useState } from 'react';
import { FlatList, Pressable, RefreshControl, StyleSheet, Text, View } from 'react-native';
import { failure } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../lib/auth.tsx';
import { colors, ErrorState, Loading, styles as ui } from './ui.tsx';

/** Home's Following tab: the viewer's channels, live ones first (the server orders them); a live one opens. */
export function FollowingList({ onOpen }: { onOpen(streamId: string): void }) {
  const { t } = useI18n();
  const { user, api } = useAuth();
  const [channels, setChannels] = useState<FollowedChannel[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);

  const load = useCallback(async () => {
    try {
      setChannels((await followsApi(api).following()).channels);
      setError(null);
    } catch (err) {
      setError(failure(err, t));
    }
  }, [api, t]);

  useEffect(() => {
    if (user) void load();
  }, [load, user]);

  if (user === null) return <Text style={[ui.muted, { marginTop: 40 }]}>{t.follows.signInToSee}</Text>;
  if (error && !channels) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!channels) return <Loading />;
  return (
    <FlatList
      data={channels}
      keyExtractor={(c) => c.streamer.id}
      contentContainerStyle={{ padding: 12, gap: 10, flexGrow: 1 }}
      refreshControl={
        <RefreshControl
          refreshing={refreshing}
          onRefresh={async () => {
            setRefreshing(true);
            await load();
            setRefreshing(false);
          }}
          tintColor={colors.accent}
        />
      }
      ListEmptyComponent={
        <Text style={[ui.muted, { marginTop: 40 }]} testID="following-empty">
          {t.follows.none}
        </Text>
      }
      renderItem={({ item: { streamer, live } }) => (
        <Pressable
          accessibilityRole={live ? 'button' : 'text'}
          accessibilityLabel={
            live
              ? `${streamer.nickname}, ${t.home.live}, ${live.title}, ${t.follows.viewers(live.viewerCount)}`
              : `${streamer.nickname}, ${t.follows.offline}`
          }
          disabled={!live}
          onPress={() => live && onOpen(live.streamId)}
          style={styles.row}
          testID="followed-channel"
        >
          <View style={styles.avatar}>
            <Text style={styles.initial}>{streamer.nickname.slice(0, 1).toUpperCase()}</Text>
          </View>
          <View style={{ flex: 1, gap: 2 }}>
            <Text style={[ui.text, { fontWeight: '700' }]} numberOfLines={1}>
              {streamer.nickname}
            </Text>
            <Text style={[ui.muted, { textAlign: 'left' }]} numberOfLines={1}>
              {live ? `${live.title} · ${t.follows.viewers(live.viewerCount)}` : t.follows.offline}
            </Text>
          </View>
          {live && <Text style={styles.live}>{t.home.live}</Text>}
        </Pressable>
      )}
    />
  );
}

const styles = StyleSheet.create({
  row: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: 10,
    backgroundColor: colors.card,
    borderRadius: 14,
    padding: 10,
  },
  avatar: {
    width: 40,
    height: 40,
    borderRadius: 20,
    backgroundColor: '#23232f',
    alignItems: 'center',
    justifyContent: 'center',
  },
  initial: { color: '#fff', fontWeight: '800' },
  live: {
    backgroundColor: colors.accent,
    color: '#fff',
    fontWeight: '800',
    paddingHorizontal: 6,
    borderRadius: 4,
    overflow: 'hidden',
  },
});
