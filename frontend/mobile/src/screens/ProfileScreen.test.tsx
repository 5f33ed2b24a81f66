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

test('Russian messages have every English key', () => {
  const keys = (o: object, p = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
  expect(keys(ru).sort()).toEqual(keys(en).sort());
});
