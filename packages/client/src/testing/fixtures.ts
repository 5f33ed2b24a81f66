import { AuthResponse, ChatMessage, GiftEvent, Me, Stream, TokenPair } from '@airwave/shared';

/** The ids the fixtures use (the contract takes UUIDs only). */
export const ids = {
  stream: '00000000-0000-4000-8000-000000000001',
  streamer: '00000000-0000-4000-8000-000000000002',
  viewer: '00000000-0000-4000-8000-000000000003',
  gift: '00000000-0000-4000-8000-000000000004',
};

/** Fixtures parsed with the contract's own schemas, so a test cannot feed the client a shape the server never sends. */
export const liveStream = (patch: Partial<Stream> = {}): Stream =>
  Stream.parse({
    id: ids.stream,
    streamer: { id: ids.streamer, nickname: 'anna', avatarUrl: null },
    title: 'Morning run',
    description: '',
    category: 'irl',
    status: 'live',
    mediaMode: 'p2p',
    viewerCount: 3,
    peakViewers: 3,
    chatMessagesCount: 0,
    giftsCount: 0,
    beansEarned: 0,
    thumbnailUrl: null,
    startedAt: '2026-01-01T10:00:00.000Z',
    endedAt: null,
    ...patch,
  });

export const chatMessage = (id: number, text = `message ${id}`): ChatMessage =>
  ChatMessage.parse({
    id,
    streamId: ids.stream,
    author: { id: ids.viewer, nickname: 'boris', badge: null },
    text,
    createdAt: '2026-01-01T10:00:00.000Z',
  });

export const giftEvent = (n: number): GiftEvent =>
  GiftEvent.parse({
    id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    streamId: ids.stream,
    sender: { id: ids.viewer, nickname: 'boris' },
    gift: { id: ids.gift, name: 'Rose', icon: 'rose' },
    count: 1,
    comboCount: 1,
    costCoins: 1,
    beans: 1,
    createdAt: '2026-01-01T10:00:00.000Z',
  });

export const me = (patch: Partial<Me> = {}): Me =>
  Me.parse({
    id: ids.viewer,
    nickname: 'boris',
    role: 'user',
    avatarUrl: null,
    bio: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    email: 'boris@example.test',
    coins: 100,
    beans: 0,
    stats: { streamsCount: 0, giftsSent: 0, giftsReceived: 0, coinsSpent: 0, beansEarned: 0 },
    ...patch,
  });

export const tokenPair = (n: number): TokenPair =>
  TokenPair.parse({
    accessToken: `access-${n}`,
    accessTokenExpiresAt: '2030-01-01T00:00:00.000Z',
    refreshToken: `refresh-${n}`,
    refreshTokenExpiresAt: '2030-01-01T00:00:00.000Z',
  });

export const authResponse = (n: number, user = me()): AuthResponse =>
  AuthResponse.parse({ ...tokenPair(n), user });
