import { QUALITY_CHOICES } from '@airwave/client';
import type { Stream } from '@airwave/shared';
import { useCallback, useEffect, useState } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { useSafeAreaInsets } from 'react-native-safe-area-context';
import { ChatOverlay } from '../components/ChatOverlay.tsx';
import { FollowButton } from '../components/FollowButton.tsx';
import { GiftAnimations } from '../components/GiftAnimations.tsx';
import { GiftSheet } from '../components/GiftSheet.tsx';
import { TopGiftersStrip } from '../components/TopGiftersStrip.tsx';
import { Button, colors, ErrorState, Loading, ReconnectingBanner, styles as ui } from '../components/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ApiError, endpoints } from '../lib/api.ts';
import { useStreamRoom } from '../lib/use-stream-room.ts';
import { useViewer } from '../media/use-viewer.ts';
import { VideoView } from '../media/VideoView';

/** Watching one stream: full-screen portrait video, chat over its lower part, gifts, live counts. */
export function StreamScreen({
  streamId,
  initial,
  onBack,
}: {
  streamId: string;
  initial?: Stream;
  onBack(): void;
}) {
  const { t } = useI18n();
  const [stream, setStream] = useState<Stream | null>(initial ?? null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setError(null);
      setStream(await endpoints.stream(streamId));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? t.stream.notFound : t.common.networkError);
    }
  }, [streamId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error && !stream) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!stream) return <Loading />;
  return <Watch stream={stream} onBack={onBack} />;
}

function Watch({ stream: initial, onBack }: { stream: Stream; onBack(): void }) {
  const { t } = useI18n();
  const insets = useSafeAreaInsets();
  const room = useStreamRoom(initial);
  const player = useViewer(room.socket, initial.id, room.generation, room.ended);
  const [giftsOpen, setGiftsOpen] = useState(false);
  const [qualityOpen, setQualityOpen] = useState(false);
  const stream = room.stream ?? initial;

  const status = room.ended
    ? t.stream.ended
    : player.state === 'full'
      ? t.stream.full
      : room.streamerAway
        ? t.stream.streamerAway
        : player.state === 'connecting'
          ? t.stream.connecting
          : player.state === 'reconnecting'
            ? t.stream.reconnecting
            : null;

  return (
    <View
      style={[ui.screen, { backgroundColor: '#000' }]}
      testID="player"
      // The same vocabulary as the web player, for tests and assistive tech.
      {...{ dataSet: { state: room.ended ? 'ended' : player.state } }}
    >
      <VideoView media={player.remote} testID="player-video" />
      <View style={[styles.top, { paddingTop: insets.top + 8 }]}>
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={t.stream.back}
          onPress={onBack}
          style={styles.pill}
        >
          <Text style={styles.pillText}>‹</Text>
        </Pressable>
        <View style={{ flex: 1 }}>
          <Text style={styles.title} numberOfLines={1}>
            {stream.title}
          </Text>
          <Text style={styles.sub} numberOfLines={1}>
            {stream.streamer.nickname}
          </Text>
          <FollowButton streamerId={stream.streamer.id} nickname={stream.streamer.nickname} />
        </View>
        <View style={styles.pill}>
          <Text style={styles.pillText} testID="viewer-count">
            👁 {t.common.viewers(room.viewerCount)}
          </Text>
        </View>
        {/* Only the SFU has layers to choose from; in P2P there is one. */}
        {player.mode === 'sfu' && !room.ended && (
          <Pressable
            accessibilityRole="button"
            accessibilityLabel={`${t.stream.quality}: ${t.stream.qualities[player.quality]}`}
            accessibilityState={{ expanded: qualityOpen }}
            onPress={() => setQualityOpen((o) => !o)}
            style={styles.pill}
            testID="quality-menu"
          >
            <Text style={styles.pillText}>{t.stream.qualities[player.quality]}</Text>
          </Pressable>
        )}
      </View>
      {qualityOpen && player.mode === 'sfu' && !room.ended && (
        <View style={styles.qualityList} accessibilityRole="radiogroup" accessibilityLabel={t.stream.quality}>
          {QUALITY_CHOICES.map((q) => (
            <Pressable
              key={q}
              accessibilityRole="radio"
              accessibilityState={{ checked: q === player.quality }}
              onPress={() => {
                player.setQuality(q);
                setQualityOpen(false);
              }}
              style={[styles.pill, q === player.quality && styles.pillSelected]}
              testID={`quality-${q}`}
            >
              <Text style={styles.pillText}>{t.stream.qualities[q]}</Text>
            </Pressable>
          ))}
        </View>
      )}
      {!room.ended && <TopGiftersStrip items={room.topGifters} label={t.stream.topGifters} />}
      <ReconnectingBanner />
      {status && (
        <View style={styles.status} testID="player-status">
          <Text style={styles.statusText} accessibilityRole="alert">
            {status}
          </Text>
          {room.ended && (
            <Button title={t.stream.back} onPress={onBack} kind="secondary" testID="ended-back" />
          )}
        </View>
      )}
      <GiftAnimations gifts={room.gifts} />
      {!room.ended && (
        <View style={[StyleSheet.absoluteFill, { paddingBottom: insets.bottom }]} pointerEvents="box-none">
          <ChatOverlay
            socket={room.socket}
            streamId={initial.id}
            messages={room.messages}
            restriction={room.restriction}
            settings={room.settings}
            canModerate={room.canModerate}
            disabled={!room.joined}
            right={
              <Pressable
                accessibilityRole="button"
                accessibilityLabel={t.gifts.open}
                onPress={() => setGiftsOpen(true)}
                style={styles.giftButton}
                testID="open-gifts"
              >
                <Text style={{ fontSize: 22 }}>🎁</Text>
              </Pressable>
            }
          />
        </View>
      )}
      {giftsOpen && !room.ended && (
        <GiftSheet
          socket={room.socket}
          streamId={initial.id}
          disabled={!room.joined}
          onClose={() => setGiftsOpen(false)}
        />
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  top: { flexDirection: 'row', alignItems: 'center', gap: 8, paddingHorizontal: 10 },
  pill: {
    backgroundColor: 'rgba(0,0,0,0.5)',
    borderRadius: 16,
    paddingHorizontal: 10,
    minHeight: 32,
    minWidth: 32,
    justifyContent: 'center',
    alignItems: 'center',
  },
  pillText: { color: '#fff', fontWeight: '700', fontSize: 15 },
  pillSelected: { backgroundColor: colors.accent },
  qualityList: {
    flexDirection: 'row',
    justifyContent: 'flex-end',
    gap: 6,
    paddingHorizontal: 10,
    paddingTop: 6,
  },
  title: { color: '#fff', fontWeight: '700', fontSize: 16 },
  sub: { color: '#ddd', fontSize: 13 },
  status: {
    position: 'absolute',
    top: '40%',
    left: 24,
    right: 24,
    alignItems: 'center',
    gap: 12,
    backgroundColor: 'rgba(0,0,0,0.6)',
    padding: 16,
    borderRadius: 14,
  },
  statusText: { color: '#fff', fontSize: 16, textAlign: 'center' },
  giftButton: {
    width: 44,
    height: 44,
    borderRadius: 22,
    backgroundColor: colors.card,
    alignItems: 'center',
    justifyContent: 'center',
  },
});
