import type { TopGifters } from '@airwave/shared';
import { StyleSheet, Text, View } from 'react-native';

const SHOWN = 3;

/** The stream's three biggest gifters, in a row under the top bar (the full list is the web's). */
export function TopGiftersStrip({ items, label }: { items: TopGifters['items']; label: string }) {
  if (items.length === 0) return null;
  return (
    <View style={styles.row} accessibilityLabel={label} testID="top-gifters">
      <Text style={styles.trophy} accessibilityElementsHidden importantForAccessibility="no">
        🏆
      </Text>
      {items.slice(0, SHOWN).map((g, i) => (
        <View key={g.user.id} style={styles.pill}>
          <Text style={styles.text} numberOfLines={1}>
            {i + 1}. {g.user.nickname} · 🪙 {g.coins}
          </Text>
        </View>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: 'row', alignItems: 'center', gap: 6, paddingHorizontal: 10, paddingTop: 6 },
  trophy: { fontSize: 16 },
  pill: {
    backgroundColor: 'rgba(0,0,0,0.5)',
    borderRadius: 12,
    paddingHorizontal: 8,
    paddingVertical: 3,
    flexShrink: 1,
  },
  text: { color: '#fff', fontSize: 13, fontWeight: '600' },
});
