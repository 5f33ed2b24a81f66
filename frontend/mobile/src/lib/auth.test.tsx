import { apiRoutes } from '@airwave/shared';
import { act, screen, waitFor } from '@testing-library/react-native';
import { Text } from 'react-native';
import { fakeFetch, installSocket, me } from '../../test/fake-server.ts';
import { renderApp } from '../../test/render.tsx';
import { RootNavigator } from '../navigation/RootNavigator.tsx';
import { type AuthValue, useAuth } from './auth.tsx';
import { sessionStore } from './session-store';

let auth: AuthValue;
function Probe() {
  auth = useAuth();
  return <Text>{auth.user === undefined ? 'reading' : (auth.user?.nickname ?? 'signed out')}</Text>;
}

const expired = { status: 401, body: { error: { code: 'TOKEN_EXPIRED', message: 'expired' } } };

describe('automatic token refresh', () => {
  beforeEach(() => installSocket());

  it('an expired access token is refreshed once and the call retried; concurrent calls share the refresh', async () => {
    let refreshes = 0;
    const log = fakeFetch({
      'GET /api/auth/me': (_b, h) =>
        h.authorization === 'Bearer access-2' ? { body: me({ coins: 7 }) } : expired,
      'POST /api/auth/refresh': (body) => {
        refreshes++;
        expect(body).toEqual({ refreshToken: 'refresh-1' });
        return {
          body: {
            accessToken: 'access-2',
            refreshToken: 'refresh-2',
            accessTokenExpiresAt: '2030-01-01T00:00:00.000Z',
            refreshTokenExpiresAt: '2030-01-01T00:00:00.000Z',
          },
        };
      },
    });
    await renderApp(<Probe />);
    await screen.findByText('viewer1');
    const results = await act(() => Promise.all([auth.api(apiRoutes.me), auth.api(apiRoutes.me)]));
    expect(results).toHaveLength(2);
    expect(refreshes).toBe(1);
    expect(log.filter((r) => r.path === '/api/auth/me').at(-1)?.headers.authorization).toBe(
      'Bearer access-2',
    );
    // The rotated tokens are what is stored now (the refresh token in the secure store).
    await waitFor(async () => expect((await sessionStore.load())?.refreshToken).toBe('refresh-2'));
    expect(auth.token()).toBe('access-2');
  });

  it('a refused refresh signs the user out, and the guard shows the login screen', async () => {
    fakeFetch({
      'GET /api/streams*': () => ({ body: { items: [], nextCursor: null } }),
      'GET /api/wallet': () => expired,
      'GET /api/wallet/history*': () => expired,
      'GET /api/coins/packages': () => ({ body: { items: [] } }),
      'POST /api/auth/refresh': () => ({
        status: 401,
        body: { error: { code: 'UNAUTHENTICATED', message: 'revoked' } },
      }),
    });
    await renderApp(
      <>
        <Probe />
        <RootNavigator />
      </>,
    );
    await screen.findByTestId('home-screen');
    await act(async () => {
      await auth.api(apiRoutes.wallet).catch(() => undefined);
    });
    await screen.findByText('Sign in to Airwave');
    expect(await sessionStore.load()).toBeNull();
  });

  it('a network error during refresh keeps the session', async () => {
    fakeFetch({ 'GET /api/wallet': () => expired, 'POST /api/auth/refresh': () => undefined });
    await renderApp(<Probe />);
    await screen.findByText('viewer1');
    await act(async () => {
      await auth.api(apiRoutes.wallet).catch(() => undefined);
    });
    expect(screen.getByText('viewer1')).toBeTruthy();
  });
});
