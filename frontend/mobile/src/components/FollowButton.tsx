import { followsApi, toggleFollow } from '@airwave/client';
import type { FollowState } from '@airwave/shared';
import { useEffect, useMemo, useState } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { failure } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../lib/auth.tsx';
import { colors } from './ui.tsx';

/**
 * Follow / Following and the follower count over the video. The flip shows at once and is rolled
 * back with the reason when the server refuses; the streamer sees only their count.
 */
export function FollowButton({ streamerId, nickname }: { streamerId: string; nickname: string }) {
  const { t } = useI18n();
  const { user, api } = useAuth();
  const follows = useMemo(() => followsApi(api), [api]);
  const [state, setState] = useState<FollowState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (user === undefined) return;
    let live = true;
    follows.state(streamerId).then(
      (s) => live && setState(s),
      (err: unknown) => live && setError(failure(err, t)),
    );
    return () => {
      live = false;
    };
  }, [follows, streamerId, user, t]);

  async function toggle() {
    if (!state) return;
    setBusy(true);
    setError(null);
    try {
      await toggleFollow(follows, state, setState);
    } catch (err) {
      setError(failure(err, t));
    } finally {
      setBusy(false);
    }
  }

  const canFollow = Boolean(user && user.id !== streamerId && state);
  return (
    <View style={styles.box}>
      {canFollow && (
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={
            state?.following ? t.follows.unfollowFrom(nickname) : t.follows.followTo(nickname)
          }
          accessibilityState={{ selected: Boolean(state?.following), disabled: busy }}
          disabled={busy}
          onPress={() => void toggle()}
          style={[styles.button, state?.following && styles.following]}
          testID="follow-button"
        >
          <Text style={styles.text}>{state?.following ? t.follows.following : t.follows.follow}</Text>
        </Pressable>
      )}
      {state && (
        <Text style={styles.count} testID="follower-count">
          {t.follows.followers(state.followerCount)}
        </Text>
      )}
      {error && (
        <Text style={styles.error} accessibilityRole="alert" testID="follow-error">
          {error}
        </Text>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginTop: 4 },
  button: { backgroundColor: colors.accent, borderRadius: 14, paddingHorizontal: 12, paddingVertical: 5 },
  following: { backgroundColor: 'rgba(255,255,255,0.25)' },
  text: { color: '#fff', fontWeight: '700', fontSize: 13 },
  count: { color: '#ddd', fontSize: 12 },
  error: { color: colors.error, fontSize: 12, flexBasis: '100%' },
});
