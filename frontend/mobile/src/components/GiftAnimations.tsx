import type { GiftEvent } from '@airwave/shared';
import { useEffect, useRef } from 'react';
import { Animated, StyleSheet, Text, View } from 'react-native';
import { useI18n } from '../i18n/index.tsx';
import { giftIcon } from './ui.tsx';

function Pop({ gift }: { gift: GiftEvent }) {
  const { t } = useI18n();
  const rise = useRef(new Animated.Value(0)).current;
  useEffect(() => {
    Animated.timing(rise, { toValue: 1, duration: 2500, useNativeDriver: false }).start();
  }, [rise]);
  return (
    <Animated.View
      testID="gift-pop"
      style={[
        styles.pop,
        {
          opacity: rise.interpolate({ inputRange: [0, 0.8, 1], outputRange: [1, 1, 0.35] }),
          transform: [
            { translateY: rise.interpolate({ inputRange: [0, 1], outputRange: [0, -60] }) },
            { scale: rise.interpolate({ inputRange: [0, 0.15, 1], outputRange: [0.6, 1.15, 1] }) },
          ],
        },
      ]}
    >
      <Text style={styles.icon}>{giftIcon(gift.gift.icon)}</Text>
      <Text style={styles.label}>{t.gifts.from(gift.sender.nickname, gift.gift.name, gift.comboCount)}</Text>
    </Animated.View>
  );
}

/** Recent gifts float up on the right edge, away from the picture's centre and the chat. */
export function GiftAnimations({ gifts }: { gifts: GiftEvent[] }) {
  return (
    <View style={styles.wrap} pointerEvents="none">
      {gifts.slice(-3).map((g) => (
        <Pop key={g.id} gift={g} />
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { position: 'absolute', right: 8, top: '18%', alignItems: 'flex-end', gap: 6, maxWidth: '60%' },
  pop: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: 6,
    backgroundColor: 'rgba(255,61,113,0.8)',
    borderRadius: 20,
    paddingHorizontal: 10,
    paddingVertical: 4,
  },
  icon: { fontSize: 24 },
  label: { color: '#fff', fontWeight: '700', flexShrink: 1 },
});
