import { fireEvent, screen } from '@testing-library/react-native';
import { fakeFetch, installSocket } from '../../test/fake-server.ts';
import { renderApp } from '../../test/render.tsx';
import { en, ru } from '../i18n/messages.ts';
import { ProfileScreen } from './ProfileScreen.tsx';

describe('ProfileScreen', () => {
  it('shows the user and their balances; switches the UI to Russian', async () => {
    installSocket();
    fakeFetch({});
    await renderApp(<ProfileScreen />);
    expect(await screen.findByTestId('profile-nickname')).toHaveTextContent('viewer1');
    expect(screen.getByText(/100 coins/)).toBeTruthy();
    fireEvent.press(screen.getByTestId('locale-ru'));
    expect(await screen.findByText('Выйти')).toBeTruthy();
    expect(screen.getByText(/100 монет/)).toBeTruthy();
  });
});

describe('blocked users on the profile tab', () => {
  it('lists the account’s blocked users and unblocks one', async () => {
    installSocket();
    const troll = { id: '66666666-6666-4666-8666-666666666666', nickname: 'troll1', avatarUrl: null };
    const log = fakeFetch({
      'GET /api/blocks': () => ({
        body: { items: [{ user: troll, blockedAt: '2026-01-02T10:00:00.000Z' }] },
      }),
      [`DELETE /api/blocks/${troll.id}`]: () => ({ body: { items: [] } }),
    });
    await renderApp(<ProfileScreen />);
    expect(await screen.findByText('troll1')).toBeTruthy();
    fireEvent.press(screen.getByTestId(`unblock-${troll.id}`));
    expect(await screen.findByText('You have not blocked anyone.')).toBeTruthy();
    expect(log.filter((c) => c.path.startsWith('/api/blocks')).map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/blocks',
      `DELETE /api/blocks/${troll.id}`,
    ]);
  });
});

test('Russian messages have every English key', () => {
  const keys = (o: object, p = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
  expect(keys(ru).sort()).toEqual(keys(en).sort());
});
