import type { CheckoutResponse, CoinPackage, Wallet, WalletHistory } from '@airwave/shared';
import { useCallback, useEffect, useState } from 'react';
import { AppState, Linking, RefreshControl, ScrollView, StyleSheet, Text, View } from 'react-native';
import { Button, colors, ErrorState, Loading, styles as ui } from '../components/ui.tsx';
import { failure } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { endpoints, newIdempotencyKey } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';

/** Balance, coin packages through the server's checkout (dev provider: confirm in-app), history. */
export function WalletScreen() {
  const { t } = useI18n();
  const { api, reloadMe, user } = useAuth();
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [packages, setPackages] = useState<CoinPackage[]>([]);
  const [history, setHistory] = useState<WalletHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<CheckoutResponse | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refreshing, setRefreshing] = useState(false);

  const load = useCallback(async () => {
    try {
      const [w, p, h] = await Promise.all([
        endpoints.wallet(api),
        endpoints.coinPackages(),
        endpoints.walletHistory(api),
      ]);
      setWallet(w);
      setPackages(p.items);
      setHistory(h);
      setError(null);
    } catch (err) {
      setError(failure(err, t));
    }
  }, [api, t]);

  useEffect(() => {
    void load();
    // Coming back from an external (Stripe) checkout: show what changed.
    const sub = AppState.addEventListener('change', (s) => {
      if (s === 'active') void load();
    });
    return () => sub.remove();
  }, [load]);

  // Gifts and purchases elsewhere update the profile's balance; follow it.
  useEffect(() => {
    if (user && wallet && user.coins !== wallet.coins) void load();
  }, [user, wallet, load]);

  async function buy(pkg: CoinPackage) {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      const checkout = await endpoints.checkout(api, pkg.id, newIdempotencyKey());
      if (checkout.test) setPending(checkout);
      else {
        setNotice(t.wallet.externalCheckout);
        await Linking.openURL(checkout.url);
      }
    } catch (err) {
      setError(failure(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    try {
      const payment = await endpoints.devComplete(api, pending.payment.id);
      setPending(null);
      setNotice(t.wallet.purchased(payment.coins));
      await Promise.all([load(), reloadMe()]);
    } catch (err) {
      setError(failure(err, t));
    } finally {
      setBusy(false);
    }
  }

  if (!wallet && error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!wallet) return <Loading />;
  return (
    <ScrollView
      style={ui.screen}
      contentContainerStyle={{ padding: 16, gap: 14 }}
      testID="wallet-screen"
      refreshControl={
        <RefreshControl
          refreshing={refreshing}
          onRefresh={async () => {
            setRefreshing(true);
            await load();
            setRefreshing(false);
          }}
        />
      }
    >
      <Text style={ui.h1} accessibilityRole="header">
        {t.wallet.title}
      </Text>
      <View style={styles.stats}>
        <View style={styles.stat}>
          <Text style={ui.muted}>{t.wallet.coins}</Text>
          <Text style={styles.value} testID="wallet-coins">
            {wallet.coins}
          </Text>
        </View>
        <View style={styles.stat}>
          <Text style={ui.muted}>{t.wallet.beans}</Text>
          <Text style={styles.value} testID="wallet-beans">
            {wallet.beans}
          </Text>
        </View>
        {wallet.heldBeans > 0 && (
          <View style={styles.stat}>
            <Text style={ui.muted}>{t.wallet.heldBeans}</Text>
            <Text style={styles.value} testID="wallet-held-beans">
              {wallet.heldBeans}
            </Text>
          </View>
        )}
      </View>
      {wallet.holds.map((h) => (
        <Text key={h.id} style={ui.muted} testID="wallet-hold">
          {t.wallet.holdFreesUp(h.beans, new Date(h.releasesAt).toLocaleString())}
        </Text>
      ))}
      {notice && (
        <Text style={{ color: colors.ok }} accessibilityRole="alert" testID="wallet-notice">
          {notice}
        </Text>
      )}
      {error && (
        <Text style={ui.error} accessibilityRole="alert">
          {error}
        </Text>
      )}
      {pending ? (
        <View style={styles.card} testID="dev-checkout">
          <Text style={ui.text}>🪙 {pending.payment.coins}</Text>
          <Text style={ui.muted}>{t.wallet.testPurchase}</Text>
          <Button
            title={t.wallet.confirm}
            onPress={() => void confirm()}
            disabled={busy}
            testID="dev-confirm"
          />
          <Button title={t.wallet.cancel} kind="secondary" onPress={() => setPending(null)} />
        </View>
      ) : (
        <View style={{ gap: 8 }}>
          <Text style={[ui.h1, { fontSize: 18 }]}>{t.wallet.buy}</Text>
          <View style={styles.packages}>
            {packages.map((p) => (
              <View key={p.id} style={[styles.card, styles.pkg]}>
                <Text style={[ui.text, { fontWeight: '700', fontSize: 18 }]}>🪙 {p.coins}</Text>
                {p.bonusCoins > 0 && <Text style={{ color: colors.ok }}>{t.wallet.bonus(p.bonusCoins)}</Text>}
                <Button
                  title={t.wallet.price(p.priceCents, p.currency)}
                  onPress={() => void buy(p)}
                  disabled={busy}
                  testID={`buy-coins-${p.coins}`}
                />
              </View>
            ))}
          </View>
        </View>
      )}
      <Text style={[ui.h1, { fontSize: 18 }]}>{t.wallet.history}</Text>
      {history && history.items.length === 0 && (
        <Text style={ui.muted} testID="history-empty">
          {t.wallet.emptyHistory}
        </Text>
      )}
      {history?.items.map((h) => (
        <View key={h.id} style={styles.row} testID="history-item">
          <View style={{ flex: 1 }}>
            <Text style={ui.text}>
              {t.wallet.kinds[h.kind]}
              {h.counterpart ? ` · ${h.counterpart.nickname}` : ''}
            </Text>
            <Text style={ui.muted}>{new Date(h.createdAt).toLocaleString()}</Text>
          </View>
          <Text style={{ color: h.delta >= 0 ? colors.ok : colors.error, fontWeight: '700' }}>
            {h.delta > 0 ? '+' : ''}
            {h.delta} {h.account === 'coins' ? '🪙' : '🫘'}
          </Text>
        </View>
      ))}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  stats: { flexDirection: 'row', gap: 12 },
  stat: { flex: 1, backgroundColor: colors.card, borderRadius: 14, padding: 14 },
  value: { color: colors.text, fontSize: 28, fontWeight: '800' },
  card: { backgroundColor: colors.card, borderRadius: 14, padding: 14, gap: 8 },
  packages: { flexDirection: 'row', flexWrap: 'wrap', gap: 10 },
  pkg: { flexBasis: '46%', flexGrow: 1 },
  row: {
    flexDirection: 'row',
    alignItems: 'center',
    paddingVertical: 8,
    borderBottomWidth: StyleSheet.hairlineWidth,
    borderColor: colors.border,
  },
});
