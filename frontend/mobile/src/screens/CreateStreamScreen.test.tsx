import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';
import { fakeFetch, installSocket, joinResult, stream } from '../../test/fake-server.ts';
import { calls, peerIceServers, sent, state } from '../../test/media-double.ts';
import { renderApp } from '../../test/render.tsx';
import { CreateStreamScreen, formatDuration } from './CreateStreamScreen.tsx';

const s = stream({
  title: 'From my phone',
  category: 'irl',
  viewerCount: 0,
  startedAt: new Date(Date.now() - 65_000).toISOString(),
});

describe('CreateStreamScreen', () => {
  it('asks for camera and microphone with an explanation, then previews', async () => {
    installSocket();
    fakeFetch({});
    state.permission = 'undetermined';
    await renderApp(<CreateStreamScreen />);
    expect(await screen.findByText(/Airwave needs the camera and microphone/)).toBeTruthy();
    fireEvent.press(screen.getByTestId('allow-camera'));
    await waitFor(() =>
      expect(screen.getByTestId('preview').props.accessibilityValue.text).toBe('has-media'),
    );
  });

  it('denied: explains how to enable it, offers settings and a retry', async () => {
    installSocket();
    fakeFetch({});
    state.permission = 'undetermined';
    state.grant = 'denied';
    await renderApp(<CreateStreamScreen />);
    fireEvent.press(await screen.findByTestId('allow-camera'));
    expect(await screen.findByText(/access was denied/)).toBeTruthy();
    fireEvent.press(screen.getByText('⚙︎'));
    expect(calls).toContain('settings');
    state.grant = 'granted';
    fireEvent.press(screen.getByTestId('retry-permission'));
    await screen.findByTestId('go-live');
  });

  it('goes live: timer, viewer count, incoming chat and gifts, a viewer gets an offer; then ends', async () => {
    const socket = installSocket();
    const log = fakeFetch({
      'POST /api/streams': () => ({ status: 201, body: s }),
      [`POST /api/streams/${s.id}/end`]: () => ({
        body: { ...s, status: 'ended', peakViewers: 2, beansEarned: 5 },
      }),
    });
    const turn = { urls: ['turn:turn.example.test:3478'], username: '1700000000:host', credential: 'x' };
    socket.acks['rtc-ice-servers'] = () => ({
      ok: true,
      iceServers: [turn],
      ttlSeconds: 3600,
      p2pUplinkKbps: 4000,
    });
    socket.acks['join-stream'] = () => ({
      ...joinResult(s),
      viewerCount: 0,
      you: { isStreamer: true, canModerate: true, restriction: null },
    });
    await renderApp(<CreateStreamScreen />);
    fireEvent.press(await screen.findByTestId('go-live'));
    expect(await screen.findByText('Give your stream a title.')).toBeTruthy();

    fireEvent.press(screen.getByTestId('mute'));
    fireEvent.press(screen.getByTestId('flip-camera'));
    await waitFor(() => expect(calls).toEqual(expect.arrayContaining(['muted:true', 'facing:environment'])));

    fireEvent.changeText(screen.getByLabelText('Title'), 'From my phone');
    fireEvent.press(screen.getByTestId('live-category-irl'));
    fireEvent.press(screen.getByTestId('go-live'));
    expect(await screen.findByTestId('live-timer')).toHaveTextContent(/^01:0\d$/);
    expect(log.find((r) => r.method === 'POST' && r.path === '/api/streams')?.body).toEqual({
      title: 'From my phone',
      category: 'irl',
    });
    await waitFor(() => expect(screen.getByTestId('broadcast-viewers')).toHaveTextContent(/0 viewers/));

    act(() => socket.serverEmit('rtc-viewer-joined', { streamId: s.id, peerId: 'viewer-a' }));
    await waitFor(() =>
      expect(socket.emitted.find((e) => e.event === 'rtc-signal')?.payload).toMatchObject({
        peerId: 'viewer-a',
        signal: { description: { type: 'offer' } },
      }),
    );
    expect(calls).toContain('addLocal');
    expect(peerIceServers).toEqual([[turn]]);
    act(() => socket.serverEmit('viewer-count', { streamId: s.id, viewerCount: 1 }));
    expect(screen.getByTestId('broadcast-viewers')).toHaveTextContent(/1 viewer$/);
    act(() =>
      socket.serverEmit('receive-message', {
        id: 5,
        streamId: s.id,
        author: { id: 'v', nickname: 'fan', badge: null },
        text: 'hi host',
        createdAt: new Date().toISOString(),
      }),
    );
    expect(await screen.findByText(/hi host/)).toBeTruthy();
    act(() =>
      socket.serverEmit('receive-gift', {
        id: '66666666-6666-4666-8666-666666666666',
        streamId: s.id,
        sender: { id: 'v', nickname: 'fan' },
        gift: { id: 'g', name: 'Rose', icon: 'rose' },
        count: 1,
        comboCount: 1,
        costCoins: 5,
        beans: 5,
        createdAt: new Date().toISOString(),
      }),
    );
    expect(screen.getByTestId('gift-pop')).toHaveTextContent(/fan sent Rose/);

    fireEvent.press(screen.getByTestId('end-stream'));
    expect(await screen.findByText('Your stream has ended.')).toBeTruthy();
    expect(screen.getByText('2 viewers · 5 beans earned')).toBeTruthy();
    expect(calls).toContain('close');
  });

  it('spreads the P2P upload budget over the viewers as they come and go; publishes simulcast once to the SFU', async () => {
    const socket = installSocket();
    fakeFetch({
      'POST /api/streams': () => ({ status: 201, body: s }),
    });
    // The budget comes with the ICE servers the joined socket asks for.
    socket.acks['rtc-ice-servers'] = () => ({
      ok: true,
      iceServers: [],
      ttlSeconds: 60,
      p2pUplinkKbps: 3000,
    });
    socket.acks['join-stream'] = () => ({
      ...joinResult(s),
      viewerCount: 0,
      you: { isStreamer: true, canModerate: true, restriction: null },
    });
    await renderApp(<CreateStreamScreen />);
    fireEvent.changeText(await screen.findByLabelText('Title'), 'Budget');
    fireEvent.press(screen.getByTestId('go-live'));
    await screen.findByTestId('live-timer');
    const offers = () => socket.emitted.filter((e) => e.event === 'rtc-signal').length;
    const join = async (peerId: string) => {
      const before = offers();
      act(() => socket.serverEmit('rtc-viewer-joined', { streamId: s.id, peerId }));
      await waitFor(() => expect(offers()).toBe(before + 1));
    };
    const lastCap = (i: number) => sent[i]?.caps.at(-1);

    await join('viewer-a');
    await join('viewer-b');
    // b starts at half the budget, and a comes down to it.
    expect(sent[1]?.plan).toEqual({ encodings: [{ maxBitrate: 1_500_000 }], codec: null });
    await waitFor(() => expect(lastCap(0)).toBe(1_500_000));
    await join('viewer-c');
    expect(sent[2]?.plan.encodings).toEqual([{ maxBitrate: 1_000_000 }]);
    await waitFor(() =>
      expect([lastCap(0), lastCap(1), lastCap(2)]).toEqual([1_000_000, 1_000_000, 1_000_000]),
    );

    act(() => socket.serverEmit('rtc-viewer-left', { streamId: s.id, peerId: 'viewer-b' }));
    await waitFor(() => expect([lastCap(0), lastCap(2)]).toEqual([1_500_000, 1_500_000]));
    expect(sent[1]?.closed).toBe(true);

    // The SFU gets three VP8 layers, and is neither a viewer of the budget nor capped by it.
    await join('sfu');
    expect(sent[3]?.plan).toEqual({
      encodings: [
        { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
        { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
        { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
      ],
      codec: 'video/VP8',
    });
    await waitFor(() => expect([lastCap(0), lastCap(2)]).toEqual([1_500_000, 1_500_000]));
    expect(sent[3]?.caps).toEqual([]);
  });

  it('a server error on go live is shown', async () => {
    installSocket();
    fakeFetch({
      'POST /api/streams': () => ({
        status: 409,
        body: { error: { code: 'ALREADY_LIVE', message: 'You are already live.' } },
      }),
    });
    await renderApp(<CreateStreamScreen />);
    fireEvent.changeText(await screen.findByLabelText('Title'), 'x');
    fireEvent.press(screen.getByTestId('go-live'));
    expect(await screen.findByText('You are already live.')).toBeTruthy();
  });

  it('formats the live timer', () => {
    expect(formatDuration(5)).toBe('00:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
