import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { authResponse, fakeFetch, installSocket } from '../../test/fake-server.ts';
import { renderApp } from '../../test/render.tsx';
import { RootNavigator } from './RootNavigator.tsx';

const emptyHome = { 'GET /api/streams*': () => ({ body: { items: [], nextCursor: null } }) };

/** Opens the register form, fills it in and submits it. */
async function submitRegistration(nickname: string, password: string) {
  await renderApp(<RootNavigator />, { signedIn: false });
  fireEvent.press(await screen.findByTestId('auth-switch'));
  fireEvent.changeText(screen.getByLabelText('Email'), 'new@example.test');
  fireEvent.changeText(screen.getByLabelText('Nickname'), nickname);
  fireEvent.changeText(screen.getByLabelText('Password'), password);
  fireEvent.press(screen.getByTestId('auth-submit'));
}

describe('navigation guards', () => {
  beforeEach(() => installSocket());

  it('shows a loading screen while the stored session is read, then only the auth stack when signed out', async () => {
    fakeFetch(emptyHome);
    await renderApp(<RootNavigator />, { signedIn: false });
    expect(screen.getByTestId('loading')).toBeTruthy();
    await screen.findByText('Sign in to Airwave');
    expect(screen.queryByTestId('home-screen')).toBeNull();
    expect(screen.queryByTestId('tab-wallet')).toBeNull();
  });

  it('signing in swaps the auth stack for the app tabs; signing out swaps it back', async () => {
    const log = fakeFetch({ ...emptyHome, 'POST /api/auth/login': () => ({ body: authResponse() }) });
    await renderApp(<RootNavigator />, { signedIn: false });
    fireEvent.changeText(await screen.findByLabelText('Email'), 'viewer1@example.test');
    fireEvent.changeText(screen.getByLabelText('Password'), 'a long passphrase');
    fireEvent.press(screen.getByTestId('auth-submit'));
    await screen.findByTestId('home-screen');
    expect(log.find((r) => r.path === '/api/auth/login')?.body).toEqual({
      email: 'viewer1@example.test',
      password: 'a long passphrase',
    });
    fireEvent.press(screen.getByTestId('tab-profile'));
    fireEvent.press(await screen.findByTestId('sign-out'));
    await screen.findByText('Sign in to Airwave');
  });

  it('wrong credentials keep the user on the login screen with an error', async () => {
    fakeFetch({
      'POST /api/auth/login': () => ({
        status: 401,
        body: { error: { code: 'INVALID_CREDENTIALS', message: 'nope' } },
      }),
    });
    await renderApp(<RootNavigator />, { signedIn: false });
    fireEvent.changeText(await screen.findByLabelText('Email'), 'x@example.test');
    fireEvent.changeText(screen.getByLabelText('Password'), 'wrong');
    fireEvent.press(screen.getByTestId('auth-submit'));
    expect((await screen.findByTestId('auth-error')).props.children).toBe('Wrong email or password.');
  });

  it('the register mode sends a nickname too', async () => {
    const log = fakeFetch({ ...emptyHome, 'POST /api/auth/register': () => ({ body: authResponse() }) });
    await submitRegistration('newbie', 'a long passphrase');
    await screen.findByTestId('home-screen');
    expect(log.find((r) => r.path === '/api/auth/register')?.body).toMatchObject({ nickname: 'newbie' });
  });

  it("a weak password keeps the user on the register form with the server's advice", async () => {
    fakeFetch({
      'POST /api/auth/register': () => ({
        status: 400,
        body: {
          error: {
            code: 'WEAK_PASSWORD',
            message: 'This password is too easy to guess.',
            details: {
              score: 0,
              minScore: 3,
              warning: 'Repeated characters like "aaa" are easy to guess.',
              suggestions: ['Add more words that are less common.'],
            },
          },
        },
      }),
    });
    await submitRegistration('newbie', 'aaaaaaaa');
    expect((await screen.findByTestId('auth-error')).props.children).toBe(
      'This password is too easy to guess. Choose a stronger one.\n' +
        'Repeated characters like "aaa" are easy to guess. Add more words that are less common.',
    );
  });

  it('a refused field is named as the server names it (the field issues of VALIDATION_FAILED, after the shared wording)', async () => {
    fakeFetch({
      'POST /api/auth/register': () => ({
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Invalid request: nickname may contain only letters, digits and underscores',
            details: [{ path: 'nickname', message: 'may contain only letters, digits and underscores' }],
          },
        },
      }),
    });
    await submitRegistration('new bie', 'a long passphrase');
    expect((await screen.findByTestId('auth-error')).props.children).toBe(
      'Some fields are not valid. nickname: may contain only letters, digits and underscores',
    );
  });

  it('a signed-in user lands on the tabs', async () => {
    fakeFetch(emptyHome);
    await renderApp(<RootNavigator />);
    await screen.findByTestId('home-screen');
    await waitFor(() => expect(screen.getByTestId('tab-wallet')).toBeTruthy());
  });
});
