import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { fakeFetch, installSocket, me } from '../../test/fake-server.ts';
import { renderApp } from '../../test/render.tsx';
import { WalletScreen } from './WalletScreen.tsx';

const payment = {
  id: '77777777-7777-4777-8777-777777777777',
  provider: 'dev',
  packageId: 'p100',
  amountCents: 99,
  currency: 'usd',
  coins: 100,
  status: 'pending',
  createdAt: new Date().toISOString(),
};

describe('WalletScreen', () => {
  it('loading, then balance and an empty history; buying with the dev provider adds coins', async () => {
    installSocket();
    let coins = 0;
    const history: unknown[] = [];
    const log = fakeFetch({
      'GET /api/wallet': () => ({
        body: { coins, beans: 3, heldBeans: 0, holds: [], pendingPayoutBeans: 0, coinsDebt: 0 },
      }),
      'GET /api/wallet/history*': () => ({ body: { items: [...history], nextCursor: null } }),
      'GET /api/coins/packages': () => ({
        body: { items: [{ id: 'p100', coins: 100, bonusCoins: 0, priceCents: 99, currency: 'usd' }] },
      }),
      'POST /api/payments/checkout': () => ({
        body: { payment, url: 'http://x/coins/dev-checkout', test: true },
      }),
      'POST /api/payments/dev/complete': () => {
        coins = 100;
        history.push({
          id: 1,
          account: 'coins',
          delta: 100,
          balanceAfter: 100,
          kind: 'purchase',
          counterpart: null,
          streamId: null,
          reason: null,
          createdAt: new Date().toISOString(),
        });
        return { body: { ...payment, status: 'completed' } };
      },
      'GET /api/auth/me': () => ({ body: me({ coins: 100 }) }),
    });
    await renderApp(<WalletScreen />, { coins: 0 });
    expect(screen.getByTestId('loading')).toBeTruthy();
    expect(await screen.findByTestId('wallet-coins')).toHaveTextContent('0');
    expect(screen.getByText('No movements yet.')).toBeTruthy();
    fireEvent.press(screen.getByTestId('buy-coins-100'));
    expect(await screen.findByText('Test purchase — no real money moves.')).toBeTruthy();
    fireEvent.press(screen.getByTestId('dev-confirm'));
    expect(await screen.findByText('100 coins added to your wallet.')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('wallet-coins')).toHaveTextContent('100'));
    expect(screen.getByTestId('history-item')).toHaveTextContent(/Purchase.*\+100/);
    expect(log.find((r) => r.path === '/api/payments/checkout')?.body).toMatchObject({ packageId: 'p100' });
  });

  it('shows beans on hold apart from the balance, with when each lot frees up', async () => {
    installSocket();
    const releasesAt = '2030-01-08T10:00:00.000Z';
    fakeFetch({
      'GET /api/wallet': () => ({
        body: {
          coins: 0,
          beans: 3,
          heldBeans: 12,
          holds: [{ id: 1, beans: 12, releasesAt }],
          pendingPayoutBeans: 0,
          coinsDebt: 0,
        },
      }),
      'GET /api/wallet/history*': () => ({ body: { items: [], nextCursor: null } }),
      'GET /api/coins/packages': () => ({ body: { items: [] } }),
    });
    await renderApp(<WalletScreen />);
    expect(await screen.findByTestId('wallet-held-beans')).toHaveTextContent('12');
    expect(screen.getByTestId('wallet-beans')).toHaveTextContent('3');
    expect(screen.getByTestId('wallet-hold')).toHaveTextContent(
      `12 beans free up ${new Date(releasesAt).toLocaleString()}`,
    );
  });

  it('error: shows it with a retry', async () => {
    installSocket();
    fakeFetch({
      'GET /api/wallet': () => undefined,
      'GET /api/coins/packages': () => undefined,
      'GET /api/wallet/history*': () => undefined,
    });
    await renderApp(<WalletScreen />);
    expect(await screen.findByText('Cannot reach Airwave. Check your connection.')).toBeTruthy();
    expect(screen.getByTestId('retry')).toBeTruthy();
  });
});
