import { fireEvent, screen } from '@testing-library/react-native';
import { fakeFetch, installSocket } from '../../test/fake-server.ts';
import { renderApp } from '../../test/render.tsx';
import { HomeScreen } from '../screens/HomeScreen.tsx';

const channel = (nickname: string, live: { streamId: string; title: string } | null) => ({
  streamer: {
    id: `3333333${nickname.length}-3333-4333-8333-33333333333${nickname.length}`,
    nickname,
    avatarUrl: null,
  },
  followedAt: '2026-01-01T00:00:00.000Z',
  live: live && { ...live, viewerCount: 12, startedAt: '2026-01-01T00:00:00.000Z' },
});

describe('the Following tab on home', () => {
  beforeEach(() => installSocket());

  it('lists the followed channels in the server order (live first); a live one opens its stream', async () => {
    const streamId = '22222222-2222-4222-8222-222222222222';
    fakeFetch({
      'GET /api/streams*': () => ({ body: { items: [], nextCursor: null } }),
      'GET /api/users/me/following': () => ({
        body: { channels: [channel('onair', { streamId, title: 'Jam' }), channel('sleepy', null)] },
      }),
    });
    const onOpenFollowed = jest.fn();
    await renderApp(<HomeScreen onOpen={() => {}} onOpenFollowed={onOpenFollowed} />);
    fireEvent.press(screen.getByTestId('home-tab-following'));
    const rows = await screen.findAllByTestId('followed-channel');
    expect(rows).toHaveLength(2);
    expect(screen.getByText('Jam · 12 watching')).toBeTruthy();
    expect(screen.getByText('Offline')).toBeTruthy();
    fireEvent.press(screen.getByLabelText('onair, LIVE, Jam, 12 watching'));
    expect(onOpenFollowed).toHaveBeenCalledWith(streamId);
  });

  it('nobody followed yet: says how to follow, in Russian too', async () => {
    fakeFetch({
      'GET /api/streams*': () => ({ body: { items: [], nextCursor: null } }),
      'GET /api/users/me/following': () => ({ body: { channels: [] } }),
    });
    await renderApp(<HomeScreen onOpen={() => {}} onOpenFollowed={() => {}} />, { locale: 'ru' });
    fireEvent.press(screen.getByTestId('home-tab-following'));
    expect(await screen.findByTestId('following-empty')).toHaveTextContent(
      'Вы пока ни на кого не подписаны. Подпишитесь на стримера на его трансляции или в профиле.',
    );
  });
});
