import { fireEvent, screen } from '@testing-library/react-native';
import { fakeFetch, installSocket } from '../../test/fake-server.ts';
import { renderApp } from '../../test/render.tsx';
import { FollowButton } from './FollowButton.tsx';

const streamerId = '33333333-3333-4333-8333-333333333333';
const path = `/api/users/${streamerId}/follow`;
const state = (following: boolean, followerCount: number) => ({
  body: { streamerId, followerCount, following, followedAt: following ? new Date().toISOString() : null },
});

describe('FollowButton', () => {
  beforeEach(() => installSocket());

  it('shows the count, follows at once and keeps the server answer', async () => {
    let answer: (v: { body: unknown }) => void = () => {};
    const log = fakeFetch({
      [`GET ${path}`]: () => state(false, 4),
      // The server answers only when the test says so, to see the optimistic state first.
      [`PUT ${path}`]: () => undefined,
    });
    global.fetch = wrapPut(global.fetch, new Promise((r) => (answer = r)));
    await renderApp(<FollowButton streamerId={streamerId} nickname="host1" />);
    expect(await screen.findByText('4 followers')).toBeTruthy();
    fireEvent.press(screen.getByLabelText('Follow host1'));
    expect(await screen.findByText('5 followers')).toBeTruthy();
    expect(screen.getByText('Following')).toBeTruthy();
    answer(state(true, 9));
    expect(await screen.findByText('9 followers')).toBeTruthy();
    expect(log.some((r) => r.method === 'PUT' && r.path === path)).toBe(true);
  });

  it('rolls back and says why in Russian when the server refuses', async () => {
    fakeFetch({
      [`GET ${path}`]: () => state(true, 2),
      [`DELETE ${path}`]: () => ({
        status: 429,
        body: { error: { code: 'RATE_LIMITED', message: 'Too many', details: { retryAfterSeconds: 30 } } },
      }),
    });
    await renderApp(<FollowButton streamerId={streamerId} nickname="host1" />, { locale: 'ru' });
    expect(await screen.findByText('2 подписчика')).toBeTruthy();
    fireEvent.press(screen.getByLabelText('Отписаться от host1'));
    expect(await screen.findByTestId('follow-error')).toHaveTextContent(
      'Слишком много попыток. Подождите немного. Попробуйте снова через 30 с.',
    );
    expect(screen.getByText('2 подписчика')).toBeTruthy();
    expect(screen.getByText('Вы подписаны')).toBeTruthy();
  });

  it('signed out: the count only, no button', async () => {
    fakeFetch({ [`GET ${path}`]: () => ({ body: { ...state(false, 1).body, following: null } }) });
    await renderApp(<FollowButton streamerId={streamerId} nickname="host1" />, { signedIn: false });
    expect(await screen.findByText('1 follower')).toBeTruthy();
    expect(screen.queryByTestId('follow-button')).toBeNull();
  });
});

/** Holds the PUT's answer until `later` resolves (the fake server answers at once otherwise). */
function wrapPut(inner: typeof fetch, later: Promise<{ body: unknown }>): typeof fetch {
  return (async (url: string, init: RequestInit = {}) => {
    if (init.method !== 'PUT') return inner(url, init);
    await inner(url, init).catch(() => undefined);
    const { body } = await later;
    return {
      ok: true,
      status: 200,
      statusText: '200',
      headers: new Headers({ 'content-type': 'application/json' }),
      text: async () => JSON.stringify(body),
    } as Response;
  }) as unknown as typeof fetch;
}
