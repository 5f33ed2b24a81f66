import { CATEGORIES, type Category, type Stream } from '@airwave/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { AppState, Pressable, ScrollView, StyleSheet, Text, TextInput, View } from 'react-native';
import { useSafeAreaInsets } from 'react-native-safe-area-context';
import { ChatOverlay } from '../components/ChatOverlay.tsx';
import { GiftAnimations } from '../components/GiftAnimations.tsx';
import { Button, Centered, colors, Loading, ReconnectingBanner, styles as ui } from '../components/ui.tsx';
import { failure } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { endpoints } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { useStreamRoom } from '../lib/use-stream-room.ts';
import { media as platform } from '../media/platform';
import type { LocalMedia, Permission } from '../media/types.ts';
import { useBroadcast } from '../media/use-broadcast.ts';
import { VideoView } from '../media/VideoView';

type Phase = 'checking' | 'ask' | 'denied' | 'preview' | 'live' | 'ended';

const pad = (n: number) => String(n).padStart(2, '0');
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Going live from the phone: permissions, camera preview, title and category, then on air. */
export function CreateStreamScreen() {
  const { t } = useI18n();
  const { api } = useAuth();
  const [phase, setPhase] = useState<Phase>('checking');
  const [local, setLocal] = useState<LocalMedia | null>(null);
  const [muted, setMuted] = useState(false);
  const [facing, setFacing] = useState<'user' | 'environment'>('user');
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<Category>('just-chatting');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [stream, setStream] = useState<Stream | null>(null);
  const [summary, setSummary] = useState<Stream | null>(null);
  const localRef = useRef<LocalMedia | null>(null);

  const openCamera = useCallback(async () => {
    try {
      const m = await platform.openCamera('user');
      localRef.current = m;
      setLocal(m);
      setPhase('preview');
    } catch {
      setPhase('denied');
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    void platform.permission().then((p: Permission) => {
      if (cancelled) return;
      if (p === 'granted') void openCamera();
      else setPhase(p === 'denied' ? 'denied' : 'ask');
    });
    return () => {
      cancelled = true;
      localRef.current?.stop();
      localRef.current = null;
    };
  }, [openCamera]);

  async function allow() {
    const p = await platform.requestPermission();
    if (p === 'granted') await openCamera();
    else setPhase('denied');
  }

  async function goLive() {
    if (!title.trim()) {
      setError(t.live.titleRequired);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await endpoints.createStream(api, { title: title.trim(), category });
      setStream(created);
      setPhase('live');
    } catch (err) {
      setError(failure(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function end() {
    if (!stream) return;
    setBusy(true);
    try {
      setSummary(await endpoints.endStream(api, stream.id));
    } catch {
      setSummary(stream);
    }
    setBusy(false);
    setStream(null);
    setPhase('ended');
  }

  function toggleMute() {
    local?.setMuted(!muted);
    setMuted(!muted);
  }
  async function flip() {
    await local?.switchCamera();
    setFacing(local?.facing ?? facing);
  }

  if (phase === 'checking') return <Loading />;
  if (phase === 'ask' || phase === 'denied')
    return (
      <Centered testID={phase === 'ask' ? 'permission-ask' : 'permission-denied'}>
        <Text style={ui.h1}>{t.live.permissionTitle}</Text>
        <Text style={phase === 'denied' ? ui.error : ui.muted}>
          {phase === 'ask' ? t.live.permissionText : t.live.permissionDenied}
        </Text>
        {phase === 'ask' ? (
          <Button title={t.live.permissionAllow} onPress={() => void allow()} testID="allow-camera" />
        ) : (
          <>
            <Button
              title={t.common.retry}
              onPress={() => void allow()}
              kind="secondary"
              testID="retry-permission"
            />
            {platform.openSettings && (
              <Button title="⚙︎" onPress={() => platform.openSettings?.()} kind="secondary" />
            )}
          </>
        )}
      </Centered>
    );
  if (phase === 'ended')
    return (
      <Centered testID="broadcast-ended">
        <Text style={ui.h1}>{t.live.ended}</Text>
        {summary && (
          <Text style={ui.muted}>
            {t.common.viewers(summary.peakViewers)} · {t.live.beans(summary.beansEarned)}
          </Text>
        )}
        <Button
          title={t.live.again}
          onPress={() => {
            setTitle('');
            setSummary(null);
            setPhase(local ? 'preview' : 'checking');
            if (!local) void openCamera();
          }}
          testID="start-again"
        />
      </Centered>
    );

  return (
    <View style={[ui.screen, { backgroundColor: '#000' }]} testID="create-stream">
      <VideoView media={local} mirror={facing === 'user'} muted testID="preview" />
      <Controls muted={muted} onMute={toggleMute} onFlip={() => void flip()} />
      {phase === 'live' && stream ? (
        <OnAir stream={stream} local={local} onEnd={() => void end()} busy={busy} />
      ) : (
        <ScrollView
          style={styles.form}
          contentContainerStyle={{ gap: 10 }}
          keyboardShouldPersistTaps="handled"
        >
          <TextInput
            style={ui.input}
            accessibilityLabel={t.live.title}
            placeholder={t.live.title}
            placeholderTextColor={colors.muted}
            value={title}
            onChangeText={setTitle}
            maxLength={100}
          />
          <ScrollView horizontal showsHorizontalScrollIndicator={false} accessibilityLabel={t.live.category}>
            {CATEGORIES.map((c) => (
              <Pressable
                key={c}
                accessibilityRole="button"
                accessibilityState={{ selected: category === c }}
                onPress={() => setCategory(c)}
                style={[ui.chip, category === c && ui.chipActive]}
                testID={`live-category-${c}`}
              >
                <Text style={ui.chipText}>{t.categories[c]}</Text>
              </Pressable>
            ))}
          </ScrollView>
          {error && (
            <Text style={ui.error} accessibilityRole="alert">
              {error}
            </Text>
          )}
          <Button title={t.live.goLive} onPress={() => void goLive()} disabled={busy} testID="go-live" />
        </ScrollView>
      )}
    </View>
  );
}

function Controls({ muted, onMute, onFlip }: { muted: boolean; onMute(): void; onFlip(): void }) {
  const { t } = useI18n();
  const insets = useSafeAreaInsets();
  return (
    <View style={[styles.controls, { top: insets.top + 56 }]}>
      <Pressable
        accessibilityRole="button"
        accessibilityLabel={t.live.switchCamera}
        onPress={onFlip}
        style={styles.round}
        testID="flip-camera"
      >
        <Text style={styles.roundText}>🔄</Text>
      </Pressable>
      <Pressable
        accessibilityRole="button"
        accessibilityLabel={muted ? t.live.unmute : t.live.mute}
        accessibilityState={{ selected: muted }}
        onPress={onMute}
        style={styles.round}
        testID="mute"
      >
        <Text style={styles.roundText}>{muted ? '🔇' : '🎙️'}</Text>
      </Pressable>
    </View>
  );
}

function OnAir({
  stream,
  local,
  onEnd,
  busy,
}: {
  stream: Stream;
  local: LocalMedia | null;
  onEnd(): void;
  busy: boolean;
}) {
  const { t } = useI18n();
  const insets = useSafeAreaInsets();
  const room = useStreamRoom(stream);
  useBroadcast(room.socket, stream.id, local);
  const [seconds, setSeconds] = useState(0);
  const [background, setBackground] = useState(false);

  useEffect(() => {
    const started = Date.parse(stream.startedAt) || Date.now();
    const tick = () => setSeconds(Math.max(0, Math.floor((Date.now() - started) / 1000)));
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [stream.startedAt]);

  // Neither iOS nor Android lets an app keep the camera in the background: pause the picture
  // (viewers keep the connection and the sound) and resume when the app is back.
  useEffect(() => {
    const sub = AppState.addEventListener('change', (state) => {
      const away = state === 'background';
      local?.setVideoPaused(away);
      setBackground(away);
    });
    return () => sub.remove();
  }, [local]);

  return (
    <>
      <View style={[styles.liveBar, { paddingTop: insets.top + 8 }]}>
        <Text style={styles.onAir}>{t.live.onAir}</Text>
        <Text style={styles.pill} testID="live-timer">
          {formatDuration(seconds)}
        </Text>
        <Text style={styles.pill} testID="broadcast-viewers">
          👁 {t.common.viewers(room.viewerCount)}
        </Text>
        <Text style={styles.pill} testID="broadcast-beans">
          🫘 {t.common.beans(room.stream?.beansEarned ?? 0)}
        </Text>
      </View>
      <ReconnectingBanner />
      {background && <Text style={[ui.muted, styles.pill]}>{t.live.background}</Text>}
      <GiftAnimations gifts={room.gifts} />
      <View style={[StyleSheet.absoluteFill, { paddingBottom: insets.bottom }]} pointerEvents="box-none">
        <ChatOverlay
          socket={room.socket}
          streamId={stream.id}
          messages={room.messages}
          restriction={null}
          settings={room.settings}
          canModerate={room.canModerate}
          disabled={!room.joined}
          right={
            <Button title={t.live.end} kind="danger" onPress={onEnd} disabled={busy} testID="end-stream" />
          }
        />
      </View>
    </>
  );
}

const styles = StyleSheet.create({
  form: {
    position: 'absolute',
    left: 0,
    right: 0,
    bottom: 0,
    padding: 12,
    backgroundColor: 'rgba(13,13,18,0.85)',
  },
  controls: { position: 'absolute', right: 10, gap: 10 },
  round: {
    width: 44,
    height: 44,
    borderRadius: 22,
    backgroundColor: 'rgba(0,0,0,0.5)',
    alignItems: 'center',
    justifyContent: 'center',
  },
  roundText: { fontSize: 20 },
  liveBar: { flexDirection: 'row', flexWrap: 'wrap', gap: 6, paddingHorizontal: 10, alignItems: 'center' },
  onAir: {
    backgroundColor: colors.accent,
    color: '#fff',
    fontWeight: '800',
    paddingHorizontal: 8,
    paddingVertical: 2,
    borderRadius: 4,
    overflow: 'hidden',
  },
  pill: {
    color: '#fff',
    backgroundColor: 'rgba(0,0,0,0.5)',
    paddingHorizontal: 8,
    paddingVertical: 2,
    borderRadius: 10,
    overflow: 'hidden',
  },
});
