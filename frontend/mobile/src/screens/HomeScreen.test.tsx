import { act, fireEvent, screen } from '@testing-library/react-native';
import { fakeFetch, installSocket, stream } from '../../test/fake-server.ts';
import { renderApp } from '../../test/render.tsx';
import { HomeScreen } from './HomeScreen.tsx';

describe('HomeScreen', () => {
  beforeEach(() => installSocket());

  it('loading, then the live streams; a tap opens one', async () => {
    const answer: (v: unknown) => void = () => {};
    fakeFetch({ 'GET /api/streams*': () => ({ body: { items: [stream()], nextCursor: null } }) });
    const onOpen = jest.fn((v: unknown) => answer(v));
    await renderApp(<HomeScreen onOpen={onOpen} onOpenFollowed={() => {}} />);
    expect(screen.getByTestId('loading')).toBeTruthy();
    const card = await screen.findByTestId('stream-card');
    expect(screen.getByText('Morning music')).toBeTruthy();
    expect(screen.getByText(/host1 · Music · 3 viewers/)).toBeTruthy();
    fireEvent.press(card);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ title: 'Morning music' }));
  });

  it('empty: says nobody is live', async () => {
    fakeFetch({ 'GET /api/streams*': () => ({ body: { items: [], nextCursor: null } }) });
    await renderApp(<HomeScreen onOpen={() => {}} onOpenFollowed={() => {}} />);
    expect(await screen.findByText('Nobody is live right now. Pull down to refresh.')).toBeTruthy();
  });

  it('error: a network failure shows a retry that loads again', async () => {
    let up = false;
    fakeFetch({
      'GET /api/streams*': () => (up ? { body: { items: [stream()], nextCursor: null } } : undefined),
    });
    await renderApp(<HomeScreen onOpen={() => {}} onOpenFollowed={() => {}} />);
    expect(await screen.findByText('Cannot reach Airwave. Check your connection.')).toBeTruthy();
    up = true;
    fireEvent.press(screen.getByTestId('retry'));
    expect(await screen.findByTestId('stream-card')).toBeTruthy();
  });

  it("a server refusal is worded in the user's language, not the server's English", async () => {
    fakeFetch({
      'GET /api/streams*': () => ({
        status: 429,
        body: {
          error: { code: 'RATE_LIMITED', message: 'Too many requests', details: { retryAfterSeconds: 7 } },
        },
      }),
    });
    await renderApp(<HomeScreen onOpen={() => {}} onOpenFollowed={() => {}} />, { locale: 'ru' });
    expect(
      await screen.findByText('Слишком много попыток. Подождите немного. Попробуйте снова через 7 с.'),
    ).toBeTruthy();
  });

  it('categories and search go to the server; pull to refresh reloads', async () => {
    const log = fakeFetch({ 'GET /api/streams*': () => ({ body: { items: [], nextCursor: null } }) });
    await renderApp(<HomeScreen onOpen={() => {}} onOpenFollowed={() => {}} />);
    await screen.findByTestId('home-empty');
    fireEvent.press(screen.getByTestId('category-gaming'));
    await screen.findByText('No live streams match your search.');
    expect(log.at(-1)?.path).toContain('category=gaming');
    fireEvent.changeText(screen.getByLabelText('Search streams'), 'guitar');
    await act(() => new Promise((r) => setTimeout(r, 400)));
    expect(log.at(-1)?.path).toContain('q=guitar');
    const before = log.length;
    const list = screen.UNSAFE_getByType(require('react-native').FlatList);
    await act(async () => list.props.refreshControl.props.onRefresh());
    expect(log.length).toBe(before + 1);
  });
});
