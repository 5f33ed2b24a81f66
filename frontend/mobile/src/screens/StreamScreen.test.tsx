import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';
import { type FakeSocket, fakeFetch, installSocket, joinResult, me, stream } from '../../test/fake-server.ts';
import { calls, decoding, peerIceServers, peers } from '../../test/media-double.ts';
import { renderApp } from '../../test/render.tsx';
import { StreamScreen } from './StreamScreen.tsx';

const s = stream();
const turn = { urls: ['turn:turn.example.test:3478'], username: '1700000000:me', credential: 'c2lnbmVk' };
const gifts = {
  items: [
    {
      id: '44444444-4444-4444-8444-444444444444',
      slug: 'rose',
      name: 'Rose',
      icon: 'rose',
      costCoins: 5,
      beansValue: 5,
      sortOrder: 1,
      active: true,
    },
  ],
};

const gifter = (nickname: string, coins: number) => ({
  user: { id: `55555555-5555-4555-8555-${String(coins).padStart(12, '0')}`, nickname, avatarUrl: null },
  coins,
});

function liveServer(socket: FakeSocket) {
  fakeFetch({
    [`GET /api/streams/${s.id}`]: () => ({ body: s }),
    'GET /api/gifts': () => ({ body: gifts }),
    [`GET /api/streams/${s.id}/top-gifters`]: () => ({ body: { items: [gifter('anna', 40)] } }),
  });
  socket.acks['join-stream'] = () => joinResult(s);
  socket.acks['rtc-ice-servers'] = () => ({
    ok: true,
    iceServers: [turn],
    ttlSeconds: 3600,
    p2pUplinkKbps: 4000,
  });
  socket.acks['rtc-request'] = () => {
    // The streamer answers a media request with an offer.
    setTimeout(
      () =>
        socket.serverEmit('rtc-signal', {
          streamId: s.id,
          peerId: 'streamer',
          signal: { description: { type: 'offer', sdp: 'v=0' } },
        }),
      5,
    );
    return { ok: true, peerId: 'me', mode: 'p2p' };
  };
}

describe('StreamScreen', () => {
  it('slow mode: the send button counts down, and what is typed meanwhile stays in the box', async () => {
    const socket = installSocket();
    liveServer(socket);
    const joined = joinResult(s);
    socket.acks['join-stream'] = () => ({
      ...joined,
      chatSettings: { ...joined.chatSettings, slowModeSeconds: 30 },
    });
    socket.acks['send-message'] = () => ({ ok: true });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    expect(await screen.findByTestId('slow-mode')).toHaveTextContent('Slow mode: one message every 30 s');
    fireEvent.changeText(screen.getByLabelText('Say something nice'), 'first');
    fireEvent.press(screen.getByTestId('chat-send'));
    await waitFor(() => expect(screen.getByTestId('chat-send-label')).toHaveTextContent('30'));
    fireEvent.changeText(screen.getByLabelText('Say something nice'), 'second, typed while waiting');
    fireEvent.press(screen.getByTestId('chat-send'));
    expect(socket.emitted.filter((e) => e.event === 'send-message')).toHaveLength(1);
    expect(screen.getByLabelText('Say something nice').props.value).toBe('second, typed while waiting');
    expect(screen.getByLabelText('Wait 30 s')).toBeTruthy();
  });

  it('a refusal with a wait (slow mode on the server) keeps the text and counts down what the server said', async () => {
    const socket = installSocket();
    liveServer(socket);
    socket.acks['send-message'] = () => ({
      ok: false,
      error: { code: 'SLOW_MODE', message: 'Slow down', details: { retryAfterSeconds: 9 } },
    });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    await screen.findByText(/welcome all/);
    fireEvent.changeText(screen.getByLabelText('Say something nice'), 'too soon');
    fireEvent.press(screen.getByTestId('chat-send'));
    await waitFor(() => expect(screen.getByTestId('chat-send-label')).toHaveTextContent('9'));
    expect(screen.getByLabelText('Say something nice').props.value).toBe('too soon');
  });

  it('a moderator long-presses a message: delete, time out and ban act on it and its author; a viewer can only report', async () => {
    const socket = installSocket();
    liveServer(socket);
    const joined = joinResult(s);
    socket.acks['join-stream'] = () => ({ ...joined, you: { ...joined.you, canModerate: true } });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    const message = joined.messages[0];
    for (const action of ['delete', 'timeout', 'ban'] as const) {
      fireEvent(await screen.findByText(/welcome all/), 'longPress');
      fireEvent.press(screen.getByTestId(`chat-action-${action}`));
      await waitFor(() => expect(screen.queryByTestId('chat-actions')).toBeNull());
    }
    await screen.findByText('Done.');
    expect(
      socket.emitted.filter((e) => e.event !== 'join-stream' && e.event.match(/message|moderate/)),
    ).toEqual([
      { event: 'delete-message', payload: { streamId: s.id, messageId: message?.id } },
      {
        event: 'moderate-user',
        payload: { streamId: s.id, userId: message?.author.id, action: 'timeout', durationSeconds: 600 },
      },
      { event: 'moderate-user', payload: { streamId: s.id, userId: message?.author.id, action: 'ban' } },
    ]);
  });

  it('a viewer who is not a moderator is offered only Report', async () => {
    const socket = installSocket();
    liveServer(socket);
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    fireEvent(await screen.findByText(/welcome all/), 'longPress');
    expect(screen.getByTestId('chat-action-report')).toBeTruthy();
    expect(screen.queryByTestId('chat-action-delete')).toBeNull();
    fireEvent.press(screen.getByTestId('chat-action-report'));
    expect(await screen.findByText('Reported. Thank you.')).toBeTruthy();
  });

  it('blocking from the long-press menu hides what that author wrote and writes, and tells only the blocker', async () => {
    const socket = installSocket();
    liveServer(socket);
    const author = joinResult(s).messages[0]?.author;
    const blockedList = {
      items: [
        { user: { id: author?.id, nickname: 'host1', avatarUrl: null }, blockedAt: new Date().toISOString() },
      ],
    };
    const log = fakeFetch({
      [`GET /api/streams/${s.id}`]: () => ({ body: s }),
      'GET /api/gifts': () => ({ body: gifts }),
      [`GET /api/streams/${s.id}/top-gifters`]: () => ({ body: { items: [] } }),
      'GET /api/blocks': () => ({ body: { items: [] } }),
      [`PUT /api/blocks/${author?.id}`]: () => ({ body: blockedList }),
    });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    fireEvent(await screen.findByText(/welcome all/), 'longPress');
    fireEvent.press(screen.getByTestId('chat-action-block'));
    expect(await screen.findByText('host1 is blocked. You will not see their messages.')).toBeTruthy();
    expect(screen.queryByText(/welcome all/)).toBeNull();
    act(() => {
      socket.serverEmit('receive-message', {
        id: 9,
        streamId: s.id,
        author,
        text: 'still shouting',
        createdAt: new Date().toISOString(),
      });
    });
    expect(screen.queryByText(/still shouting/)).toBeNull();
    expect(log.filter((c) => c.path.startsWith('/api/blocks')).map((c) => c.method)).toEqual(['GET', 'PUT']);
    // Nothing went to the room: a block is the blocker's own business.
    expect(socket.emitted.map((e) => e.event)).not.toContain('report-message');
  });

  it('offers no actions on your own message, even to a moderator', async () => {
    const socket = installSocket();
    liveServer(socket);
    const joined = joinResult(s);
    const mine = {
      ...joined.messages[0],
      id: 2,
      author: { id: me().id, nickname: 'viewer1', badge: null },
      text: 'my own',
    };
    socket.acks['join-stream'] = () => ({
      ...joined,
      messages: [...joined.messages, mine],
      you: { ...joined.you, canModerate: true },
    });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    fireEvent(await screen.findByText(/my own/), 'longPress');
    expect(screen.queryByTestId('chat-actions')).toBeNull();
    fireEvent(screen.getByText(/welcome all/), 'longPress');
    expect(screen.getByTestId('chat-action-ban')).toBeTruthy();
  });

  it('a refused moderation action is said in Russian, not in the server English', async () => {
    const socket = installSocket();
    liveServer(socket);
    const joined = joinResult(s);
    socket.acks['join-stream'] = () => ({ ...joined, you: { ...joined.you, canModerate: true } });
    socket.acks['moderate-user'] = () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'Forbidden' } });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />, { locale: 'ru' });
    fireEvent(await screen.findByText(/welcome all/), 'longPress');
    fireEvent.press(screen.getByTestId('chat-action-ban'));
    expect(await screen.findByText('Вам это недоступно.')).toBeTruthy();
    expect(screen.queryByText('Forbidden')).toBeNull();
  });

  it("shows the stream's top gifters from the server, then the list the room pushes after a gift", async () => {
    const socket = installSocket();
    liveServer(socket);
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    expect(await screen.findByText('1. anna · 🪙 40')).toBeTruthy();
    act(() =>
      socket.serverEmit('top-gifters', { streamId: s.id, items: [gifter('boris', 90), gifter('anna', 40)] }),
    );
    expect(screen.getByTestId('top-gifters')).toHaveTextContent(/1\. boris · 🪙 90.*2\. anna · 🪙 40/);
  });

  it('loading, then live: video, chat history, viewer count; chat and a gift go out', async () => {
    const socket = installSocket();
    liveServer(socket);
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    expect(screen.getByTestId('loading')).toBeTruthy();
    await screen.findByText(/welcome all/);
    expect(screen.getByTestId('viewer-count')).toHaveTextContent('👁 4 viewers');
    // The viewer answered the streamer's offer and got the remote stream.
    await waitFor(() =>
      expect(screen.getByTestId('player-video').props.accessibilityValue.text).toBe('has-media'),
    );
    expect(calls).toContain('setRemote:offer');
    // TURN credentials come over the socket, for this stream, once it is joined.
    expect(socket.emitted.find((e) => e.event === 'rtc-ice-servers')?.payload).toEqual({ streamId: s.id });
    expect(peerIceServers).toEqual([[turn]]);
    expect(socket.emitted.find((e) => e.event === 'rtc-signal')?.payload).toMatchObject({
      peerId: 'streamer',
      signal: { description: { type: 'answer' } },
    });
    expect(screen.queryByTestId('player-status')).toBeNull();

    act(() => socket.serverEmit('viewer-count', { streamId: s.id, viewerCount: 9 }));
    expect(screen.getByTestId('viewer-count')).toHaveTextContent('👁 9 viewers');

    socket.acks['send-message'] = (p) => {
      const text = (p as { text: string }).text;
      setTimeout(
        () =>
          socket.serverEmit('receive-message', {
            id: 2,
            streamId: s.id,
            author: { id: 'x', nickname: 'viewer1', badge: null },
            text,
            createdAt: new Date().toISOString(),
          }),
        0,
      );
      return { ok: true };
    };
    fireEvent.changeText(screen.getByLabelText('Say something nice'), 'hello there');
    fireEvent.press(screen.getByTestId('chat-send'));
    await screen.findByText(/hello there/);

    fireEvent.press(screen.getByTestId('open-gifts'));
    fireEvent.press(await screen.findByTestId('gift-rose'));
    expect(screen.getByTestId('gift-receives')).toHaveTextContent('Streamer receives 5 beans');
    expect(screen.getByTestId('gift-balance')).toHaveTextContent('Balance: 100 coins');
    socket.acks['send-gift'] = () => ({ ok: true, coins: 95, gift: {} });
    fireEvent.press(screen.getByTestId('send-gift'));
    await waitFor(() => expect(screen.getByTestId('gift-balance')).toHaveTextContent('Balance: 95 coins'));
    expect(socket.emitted.find((e) => e.event === 'send-gift')?.payload).toMatchObject({
      streamId: s.id,
      count: 1,
    });

    // Someone's gift animates over the video.
    act(() =>
      socket.serverEmit('receive-gift', {
        id: '55555555-5555-4555-8555-555555555555',
        streamId: s.id,
        sender: { id: 'y', nickname: 'fan2' },
        gift: { id: gifts.items[0]?.id, name: 'Rose', icon: 'rose' },
        count: 1,
        comboCount: 1,
        costCoins: 5,
        beans: 5,
        createdAt: new Date().toISOString(),
      }),
    );
    expect(screen.getByTestId('gift-pop')).toHaveTextContent(/fan2 sent Rose/);
  });

  it('not enough coins: the gift sheet says so', async () => {
    const socket = installSocket();
    liveServer(socket);
    socket.acks['send-gift'] = () => ({ ok: false, error: { code: 'INSUFFICIENT_FUNDS', message: 'no' } });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />, { coins: 0 });
    fireEvent.press(await screen.findByTestId('open-gifts'));
    fireEvent.press(await screen.findByTestId('gift-rose'));
    fireEvent.press(screen.getByTestId('send-gift'));
    expect(await screen.findByText('Not enough coins. Buy more in your wallet.')).toBeTruthy();
  });

  it('ended: the stream ends while watching, and a stream that already ended', async () => {
    const socket = installSocket();
    liveServer(socket);
    const onBack = jest.fn();
    const view = await renderApp(<StreamScreen streamId={s.id} onBack={onBack} />);
    await screen.findByText(/welcome all/);
    act(() => socket.serverEmit('stream-ended', { streamId: s.id, reason: 'ended-by-streamer' }));
    expect(await screen.findByText('This stream has ended.')).toBeTruthy();
    expect(screen.queryByLabelText('Say something nice')).toBeNull();
    fireEvent.press(screen.getByTestId('ended-back'));
    expect(onBack).toHaveBeenCalled();
    view.unmount();

    installSocket();
    fakeFetch({ [`GET /api/streams/${s.id}`]: () => ({ body: { ...s, status: 'ended' } }) });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    expect(await screen.findByText('This stream has ended.')).toBeTruthy();
  });

  it('error: an unknown stream, and a network failure with retry', async () => {
    installSocket();
    fakeFetch({
      [`GET /api/streams/${s.id}`]: () => ({
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'x' } },
      }),
    });
    const view = await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    expect(await screen.findByText('This stream does not exist.')).toBeTruthy();
    view.unmount();
    fakeFetch({ [`GET /api/streams/${s.id}`]: () => undefined });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    expect(await screen.findByText('Cannot reach Airwave. Check your connection.')).toBeTruthy();
    expect(screen.getByTestId('retry')).toBeTruthy();
  });

  it('network loss shows reconnecting; the streamer dropping shows a waiting state', async () => {
    const socket = installSocket();
    liveServer(socket);
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    await screen.findByText(/welcome all/);
    act(() => {
      socket.connected = false;
      socket.serverEmit('disconnect', 'transport close');
    });
    expect(await screen.findByTestId('reconnecting')).toHaveTextContent('Connection lost — reconnecting…');
    act(() => {
      socket.connect();
    });
    await waitFor(() => expect(screen.queryByTestId('reconnecting')).toBeNull());
    // A fresh (unrecovered) connection re-joins the room.
    expect(socket.emitted.filter((e) => e.event === 'join-stream').length).toBeGreaterThanOrEqual(2);
    act(() => socket.serverEmit('streamer-status', { streamId: s.id, online: false }));
    expect(
      await screen.findByText('The streamer lost connection. Waiting for them to come back…'),
    ).toBeTruthy();
  });

  it('through the SFU a quality menu pins a layer, kept on the next request; P2P has no menu', async () => {
    const socket = installSocket();
    liveServer(socket);
    const p2p = await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    await waitFor(() =>
      expect(screen.getByTestId('player-video').props.accessibilityValue.text).toBe('has-media'),
    );
    expect(screen.queryByTestId('quality-menu')).toBeNull();
    p2p.unmount();

    const sfu = installSocket();
    liveServer(sfu);
    const request = sfu.acks['rtc-request'];
    sfu.acks['rtc-request'] = (p) => ({ ...(request?.(p) as object), mode: 'sfu' });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    const menu = await screen.findByTestId('quality-menu');
    expect(menu).toHaveTextContent('Auto');
    fireEvent.press(menu);
    expect(screen.getAllByRole('radio').map((r) => r.props.testID)).toEqual([
      'quality-auto',
      'quality-high',
      'quality-medium',
      'quality-low',
    ]);
    fireEvent.press(screen.getByTestId('quality-low'));
    expect(screen.getByTestId('quality-menu')).toHaveTextContent('180p');
    expect(screen.queryByRole('radio')).toBeNull();
    const chosen = () => sfu.emitted.filter((e) => e.event === 'rtc-quality').map((e) => e.payload);
    expect(chosen()).toEqual([{ streamId: s.id, quality: 'low' }]);

    // A fresh connection re-joins and asks again: the pinned layer goes with the new subscription.
    act(() => {
      sfu.connected = false;
      sfu.serverEmit('disconnect', 'transport close');
    });
    act(() => {
      sfu.connect();
    });
    await waitFor(() => expect(chosen()).toHaveLength(2));
    expect(chosen()[1]).toEqual({ streamId: s.id, quality: 'low' });
  });

  it('an SFU update of the subscription keeps the connection; a new offer replaces it', async () => {
    const socket = installSocket();
    liveServer(socket);
    socket.acks['rtc-request'] = () => ({ ok: true, peerId: 'me', mode: 'sfu' });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    await waitFor(() => expect(socket.emitted.some((e) => e.event === 'rtc-request')).toBe(true));
    const offer = (ufrag: string) =>
      act(() =>
        socket.serverEmit('rtc-signal', {
          streamId: s.id,
          peerId: 'sfu',
          signal: { description: { type: 'offer', sdp: `v=0\r\na=ice-ufrag:${ufrag}\r\n` } },
        }),
      );
    const answers = () =>
      socket.emitted.filter(
        (e) =>
          e.event === 'rtc-signal' &&
          (e.payload as { peerId: string }).peerId === 'sfu' &&
          JSON.stringify(e.payload).includes('"answer"'),
      ).length;
    await offer('janus1');
    await waitFor(() => expect(answers()).toBe(1));
    await offer('janus1');
    await waitFor(() => expect(answers()).toBe(2));
    expect(peers).toHaveLength(1);
    await offer('janus2');
    await waitFor(() => expect(answers()).toBe(3));
    expect(peers).toHaveLength(2);
    await waitFor(() => expect(peers[0]?.closed).toBe(true));
    expect(peers[1]?.closed).toBe(false);
  });

  it('the stream moves to the SFU: the mesh picture plays until the SFU one decodes, then the streamer is released', async () => {
    const socket = installSocket();
    liveServer(socket);
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    await waitFor(() =>
      expect(screen.getByTestId('player-video').props.accessibilityValue.text).toBe('has-media'),
    );
    expect(screen.queryByTestId('quality-menu')).toBeNull();
    const requests = () => socket.emitted.filter((e) => e.event === 'rtc-request').length;
    expect(requests()).toBe(1);

    // The server moves the stream; the app asks again and gets an SFU subscription.
    socket.acks['rtc-request'] = () => ({ ok: true, peerId: 'me', mode: 'sfu' });
    decoding.held = true;
    act(() => socket.serverEmit('rtc-mode', { streamId: s.id, mode: 'sfu' }));
    await waitFor(() => expect(requests()).toBe(2));
    act(() =>
      socket.serverEmit('rtc-signal', {
        streamId: s.id,
        peerId: 'sfu',
        signal: { description: { type: 'offer', sdp: 'v=0\r\na=ice-ufrag:janus\r\n' } },
      }),
    );
    await waitFor(() => expect(peers).toHaveLength(2));
    await screen.findByTestId('quality-menu');
    // No frame from the SFU yet: the mesh connection stays and nothing is released.
    await new Promise((r) => setTimeout(r, 100));
    expect(peers[0]?.closed).toBe(false);
    expect(socket.emitted.some((e) => e.event === 'rtc-release')).toBe(false);
    expect(screen.queryByTestId('player-status')).toBeNull();

    const sfu = peers[1];
    if (sfu) sfu.frames = 1;
    await waitFor(() => expect(peers[0]?.closed).toBe(true));
    expect(socket.emitted.filter((e) => e.event === 'rtc-release').map((e) => e.payload)).toEqual([
      { streamId: s.id },
    ]);
    expect(peers[1]?.closed).toBe(false);
    expect(screen.getByTestId('player-video').props.accessibilityValue.text).toBe('has-media');
  });

  it('a full stream says so', async () => {
    const socket = installSocket();
    liveServer(socket);
    socket.acks['rtc-request'] = () => ({ ok: false, error: { code: 'STREAM_FULL', message: 'full' } });
    await renderApp(<StreamScreen streamId={s.id} onBack={() => {}} />);
    expect(await screen.findByText('This stream is full right now. Try again in a moment.')).toBeTruthy();
  });
});
