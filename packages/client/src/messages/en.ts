import type { Category, ErrorCode, LedgerKind } from '@airwave/shared';

/**
 * The words every Airwave app shares, in English: what each contract error code means to a person,
 * the stream categories, the account form's fields and the wallet's kinds of movement. Each app's messages file spreads these in and keeps only its own text.
 */
export const sharedEn = {
  errors: {
    VALIDATION_FAILED: 'Some fields are not valid.',
    MALFORMED_REQUEST: 'The request was not understood. Reload the page and try again.',
    PAYLOAD_TOO_LARGE: 'That is too large to send.',
    UNAUTHENTICATED: 'Please sign in.',
    INVALID_CREDENTIALS: 'Email or password is wrong.',
    TOKEN_EXPIRED: 'Your session expired. Please sign in again.',
    ACCOUNT_BANNED: 'This account is banned or suspended.',
    FORBIDDEN: 'You may not do this.',
    NOT_FOUND: 'It no longer exists.',
    CONFLICT: 'Someone already changed this. Reload and check.',
    EMAIL_TAKEN: 'That email already has an account.',
    NICKNAME_TAKEN: 'That nickname is taken.',
    WEAK_PASSWORD: 'This password is too easy to guess. Choose a stronger one.',
    RATE_LIMITED: 'Too many attempts. Wait a moment.',
    INSUFFICIENT_FUNDS: 'Not enough coins.',
    IDEMPOTENCY_CONFLICT: 'This was already sent with different details. Try again.',
    STREAM_FULL: 'This stream is full.',
    STREAM_NOT_LIVE: 'This stream is no longer live.',
    ALREADY_LIVE: 'You are already live.',
    CHAT_BANNED: 'You are banned from this chat.',
    CHAT_TIMED_OUT: 'You are timed out in this chat for now.',
    SLOW_MODE: 'Slow mode is on. Wait a moment before writing again.',
    ACCOUNT_TOO_NEW: 'This chat is for accounts a little older than yours. You can write here soon.',
    FOLLOWERS_ONLY: 'This chat is for followers of the channel.',
    MESSAGE_BLOCKED: 'This message contains words the chat does not allow.',
    PAYMENTS_UNAVAILABLE: 'Payments are unavailable right now.',
    PAYOUTS_NOT_ENABLED: 'Connect a payout account and finish its setup before asking for a payout.',
    PURCHASE_DAILY_LIMIT: 'You reached your daily purchase limit.',
    PURCHASE_MONTHLY_LIMIT: 'You reached your monthly purchase limit.',
    PURCHASE_TOO_SOON: 'New accounts cannot buy coins yet.',
    GIFT_DAILY_LIMIT: 'You reached your daily gift limit.',
    RECONCILIATION_UNAVAILABLE: 'This server takes no Stripe payments, so there is nothing to reconcile.',
    SERVICE_UNAVAILABLE: 'Airwave is not answering right now. Try again shortly.',
    INTERNAL: 'Something went wrong on our side.',
  } satisfies Record<ErrorCode, string>,
  /** Added to a refusal that says when to try again. */
  retryAfter: (seconds: number) => `Try again in ${seconds} s.`,
  /** Added to a purchase or gift limit refusal. */
  spendLimit: (d: { limit: number; used: number; resetsAt: string }) =>
    `${d.used} of ${d.limit} coins used; it resets ${new Date(d.resetsAt).toLocaleString('en')}.`,
  /** Added to PURCHASE_TOO_SOON. */
  availableAt: (iso: string) => `You can buy from ${new Date(iso).toLocaleString('en')}.`,
  /** Added to FOLLOWERS_ONLY: what to do, and when a new follower may write. */
  followersOnly: (d: { minFollowAgeMinutes: number; writableAt?: string }) =>
    d.writableAt
      ? `You can write from ${new Date(d.writableAt).toLocaleString('en')}.`
      : d.minFollowAgeMinutes > 0
        ? `Follow it; after ${durationEn(d.minFollowAgeMinutes)} you can write.`
        : 'Follow it to write.',
  /** A length of time given in minutes, in its largest whole unit: "10 minutes", "1 day". */
  duration: (minutes: number) => durationEn(minutes),
  follows: {
    follow: 'Follow',
    following: 'Following',
    unfollow: 'Unfollow',
    followers: (n: number) => `${n} ${n === 1 ? 'follower' : 'followers'}`,
    followTo: (nickname: string) => `Follow ${nickname}`,
    unfollowFrom: (nickname: string) => `Unfollow ${nickname}`,
    tab: 'Following',
    signInToSee: 'Sign in to see the channels you follow.',
    none: 'You follow nobody yet. Follow a streamer from their stream or profile.',
    offline: 'Offline',
    viewers: (n: number) => `${n} watching`,
  },
  categories: {
    'just-chatting': 'Just chatting',
    music: 'Music',
    gaming: 'Gaming',
    creative: 'Creative',
    sports: 'Sports',
    education: 'Education',
    irl: 'IRL',
    'talk-shows': 'Talk shows',
  } satisfies Record<Category, string>,
  account: {
    loginTitle: 'Sign in to Airwave',
    registerTitle: 'Create your Airwave account',
    email: 'Email',
    password: 'Password',
    nickname: 'Nickname',
  },
  ledgerKinds: {
    purchase: 'Purchase',
    refund: 'Refund',
    gift_sent: 'Gift sent',
    gift_received: 'Gift received',
    payout_hold: 'Payout requested',
    payout_release: 'Payout returned',
    payout_reversal: 'Payout came back from the bank',
    exchange: 'Exchange',
    grant: 'Grant',
    admin_adjust: 'Adjustment',
  } satisfies Record<LedgerKind, string>,
  /** Blocking, the same on every app: the chat menu, a profile and the blocked-users list. */
  blocks: {
    block: 'Block',
    unblock: 'Unblock',
    blockUser: (name: string) => `Block ${name}`,
    blocked: (name: string) => `${name} is blocked. You will not see their messages.`,
    title: 'Blocked users',
    intro:
      "You do not see blocked users' chat messages, and they cannot send gifts to your streams. They are not told.",
    empty: 'You have not blocked anyone.',
    loading: 'Loading…',
    loadFailed: 'Could not load your blocked users.',
    retry: 'Try again',
    blockedOn: (date: string) => `Blocked on ${date}`,
  },
};

export type SharedMessages = typeof sharedEn;

const UNITS_EN = [
  [10_080, 'week'],
  [1440, 'day'],
  [60, 'hour'],
  [1, 'minute'],
] as const;

function durationEn(minutes: number): string {
  const [size, unit] = UNITS_EN.find(([size]) => minutes % size === 0) ?? UNITS_EN[3];
  const n = minutes / size;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
