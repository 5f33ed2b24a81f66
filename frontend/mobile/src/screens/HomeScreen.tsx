import { CATEGORIES, type Category, type Stream } from '@airwave/shared';
import { useCallback, useEffect, useState } from 'react';
import {
  FlatList,
  Image,
  Pressable,
  RefreshControl,
  ScrollView,
  StyleSheet,
  Text,
  TextInput,
  View,
} from 'react-native';
import { FollowingList } from '../components/FollowingList.tsx';
import { colors, ErrorState, Loading, ReconnectingBanner, styles as ui } from '../components/ui.tsx';
import { failure } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { endpoints } from '../lib/api.ts';
import { apiBaseUrl } from '../lib/config.ts';

/** Live streams (categories, search, pull to refresh) or the followed channels; a tap opens the stream. */
export function HomeScreen({
  onOpen,
  onOpenFollowed,
}: {
  onOpen(stream: Stream): void;
  onOpenFollowed(streamId: string): void;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState<'live' | 'following'>('live');

  return (
    <View style={ui.screen} testID="home-screen">
      <ReconnectingBanner />
      <View style={{ padding: 12, gap: 10 }}>
        <Text style={ui.h1} accessibilityRole="header">
          {tab === 'live' ? t.home.title : t.follows.tab}
        </Text>
        <View style={{ flexDirection: 'row' }} accessibilityRole="tablist">
          {(['live', 'following'] as const).map((name) => (
            <Pressable
              key={name}
              accessibilityRole="tab"
              accessibilityState={{ selected: tab === name }}
              onPress={() => setTab(name)}
              style={[ui.chip, tab === name && ui.chipActive]}
              testID={`home-tab-${name}`}
            >
              <Text style={ui.chipText}>{name === 'live' ? t.home.liveTab : t.follows.tab}</Text>
            </Pressable>
          ))}
        </View>
      </View>
      {tab === 'following' ? <FollowingList onOpen={onOpenFollowed} /> : <LiveStreams onOpen={onOpen} />}
    </View>
  );
}

/** The live tab: categories, search, pull to refresh. */
function LiveStreams({ onOpen }: { onOpen(stream: Stream): void }) {
  const { t } = useI18n();
  const [streams, setStreams] = useState<Stream[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [category, setCategory] = useState<Category | null>(null);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');

  useEffect(() => {
    const id = setTimeout(() => setSearch(query.trim()), 300);
    return () => clearTimeout(id);
  }, [query]);

  const load = useCallback(async () => {
    try {
      const list = await endpoints.streams({ category: category ?? undefined, q: search || undefined });
      setStreams(list.items);
      setError(null);
    } catch (err) {
      setError(failure(err, t));
    }
  }, [category, search, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const refresh = async () => {
    setRefreshing(true);
    await load();
    setRefreshing(false);
  };

  return (
    <>
      <View style={{ paddingHorizontal: 12, paddingBottom: 12, gap: 10 }}>
        <TextInput
          style={ui.input}
          placeholder={t.home.search}
          placeholderTextColor={colors.muted}
          accessibilityLabel={t.home.search}
          value={query}
          onChangeText={setQuery}
          autoCapitalize="none"
        />
        <ScrollView horizontal showsHorizontalScrollIndicator={false}>
          {[null, ...CATEGORIES].map((c) => (
            <Pressable
              key={c ?? 'all'}
              accessibilityRole="button"
              accessibilityState={{ selected: category === c }}
              onPress={() => setCategory(c)}
              style={[ui.chip, category === c && ui.chipActive]}
              testID={`category-${c ?? 'all'}`}
            >
              <Text style={ui.chipText}>{c ? t.categories[c] : t.home.all}</Text>
            </Pressable>
          ))}
        </ScrollView>
      </View>
      {streams === null && !error ? (
        <Loading />
      ) : error && !streams?.length ? (
        <ErrorState message={error} onRetry={() => void load()} />
      ) : (
        <FlatList
          data={streams ?? []}
          keyExtractor={(s) => s.id}
          contentContainerStyle={{ padding: 12, gap: 12, flexGrow: 1 }}
          refreshControl={
            <RefreshControl
              refreshing={refreshing}
              onRefresh={() => void refresh()}
              tintColor={colors.accent}
            />
          }
          ListEmptyComponent={
            <Text style={[ui.muted, { marginTop: 40 }]} testID="home-empty">
              {search || category ? t.home.emptySearch : t.home.empty}
            </Text>
          }
          renderItem={({ item }) => (
            <Pressable
              accessibilityRole="button"
              accessibilityLabel={`${item.title}, ${item.streamer.nickname}, ${t.common.viewers(item.viewerCount)}`}
              testID="stream-card"
              onPress={() => onOpen(item)}
              style={styles.card}
            >
              <View style={styles.thumb}>
                {item.thumbnailUrl ? (
                  <Image
                    source={{
                      uri: item.thumbnailUrl.startsWith('http')
                        ? item.thumbnailUrl
                        : `${apiBaseUrl()}${item.thumbnailUrl}`,
                    }}
                    style={StyleSheet.absoluteFill}
                    accessibilityIgnoresInvertColors
                  />
                ) : null}
                <Text style={styles.live}>{t.home.live}</Text>
              </View>
              <View style={{ padding: 10, gap: 2 }}>
                <Text style={[ui.text, { fontWeight: '700' }]} numberOfLines={1}>
                  {item.title}
                </Text>
                <Text style={[ui.muted, { textAlign: 'left' }]} numberOfLines={1}>
                  {item.streamer.nickname} · {t.categories[item.category]} ·{' '}
                  {t.common.viewers(item.viewerCount)}
                </Text>
              </View>
            </Pressable>
          )}
        />
      )}
    </>
  );
}

const styles = StyleSheet.create({
  card: { backgroundColor: colors.card, borderRadius: 14, overflow: 'hidden' },
  thumb: { height: 160, backgroundColor: '#23232f' },
  live: {
    position: 'absolute',
    top: 8,
    left: 8,
    backgroundColor: colors.accent,
    color: '#fff',
    fontWeight: '800',
    paddingHorizontal: 6,
    borderRadius: 4,
    overflow: 'hidden',
  },
});
