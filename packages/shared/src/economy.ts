import { z } from 'zod';
import { plainText } from './text.ts';
import { Id } from './users.ts';

/** A key the client makes up once per intended operation and repeats on every retry of it. */
export const IdempotencyKey = plainText()
  .min(8, 'must be at least 8 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "-" and "_"');

export const GiftItem = z.object({
  id: Id,
  slug: z.string(),
  name: z.string(),
  /** Key of the icon/animation the clients draw. */
  icon: z.string(),
  costCoins: z.number().int().positive(),
  /** What the streamer receives per gift, in beans. */
  beansValue: z.number().int().nonnegative(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type GiftItem = z.infer<typeof GiftItem>;
export const GiftCatalog = z.object({ items: z.array(GiftItem) });

const giftTypeFields = {
  name: plainText().trim().min(1).max(40),
  icon: plainText().trim().min(1).max(40),
  costCoins: z.number().int().min(1).max(1_000_000),
  beansValue: z.number().int().min(0).max(1_000_000),
  sortOrder: z.number().int().min(0).max(100_000),
};

/** What an admin sets on a catalog item; beans default to the configured rate times the cost. */
export const GiftTypeInput = z
  .object({
    slug: plainText()
      .trim()
      .min(2)
      .max(40)
      .regex(/^[a-z0-9-]+$/, 'may contain only lowercase letters, digits and "-"'),
    ...giftTypeFields,
    beansValue: giftTypeFields.beansValue.optional(),
    sortOrder: giftTypeFields.sortOrder.default(0),
  })
  .strict();
export type GiftTypeInput = z.input<typeof GiftTypeInput>;
/** Only the fields sent change (no defaults here, or an edit would reset what it did not name). */
export const GiftTypePatch = z
  .object(giftTypeFields)
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });
export type GiftTypePatch = z.infer<typeof GiftTypePatch>;
export type GiftCatalog = z.infer<typeof GiftCatalog>;

export const CoinPackage = z.object({
  id: z.string(),
  coins: z.number().int().positive(),
  bonusCoins: z.number().int().nonnegative(),
  priceCents: z.number().int().positive(),
  currency: z.string().length(3),
});
export type CoinPackage = z.infer<typeof CoinPackage>;
export const CoinPackageList = z.object({ items: z.array(CoinPackage) });
export type CoinPackageList = z.infer<typeof CoinPackageList>;

export const Rates = z.object({
  /** Beans a streamer receives per coin a viewer spends on them (default 1: exact, no rounding). */
  beansPerCoin: z.number().int().positive(),
  /** Cash paid per 100 beans, in cents of `payoutCurrency` (default 50: a bean is half a cent). */
  payoutCentsPer100Beans: z.number().int().positive(),
  payoutCurrency: z.string(),
  minPayoutBeans: z.number().int().positive(),
  /** What the streamer ends up with in cash, as a share of the coins' nominal value (default 50%). */
  streamerSharePercent: z.number(),
  /** Days gift beans stay on hold before a payout may use them. */
  beanHoldDays: z.number().int().nonnegative(),
});
export type Rates = z.infer<typeof Rates>;

export const MAX_GIFT_COMBO = 99;
export const MAX_LISTED_HOLDS = 200;

export const SendGiftPayload = z
  .object({
    streamId: Id,
    giftId: Id,
    count: z.number().int().min(1).max(MAX_GIFT_COMBO).default(1),
    idempotencyKey: IdempotencyKey,
  })
  .strict();
export type SendGiftPayload = z.input<typeof SendGiftPayload>;

/** A gift as the room sees it. */
export const GiftEvent = z.object({
  id: Id,
  streamId: Id,
  sender: z.object({ id: Id, nickname: z.string() }),
  gift: z.object({ id: Id, name: z.string(), icon: z.string() }),
  count: z.number().int(),
  /** How many of this gift this sender has sent in a row, for combo animations. */
  comboCount: z.number().int(),
  costCoins: z.number().int(),
  beans: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type GiftEvent = z.infer<typeof GiftEvent>;

/** Gift beans on hold together (a streamer's gifts of one hour), and when they free up. */
export const BeanHold = z.object({
  id: z.number().int(),
  beans: z.number().int(),
  releasesAt: z.iso.datetime(),
});
export type BeanHold = z.infer<typeof BeanHold>;

export const Wallet = z.object({
  coins: z.number().int(),
  /** Available beans: settled and out of their hold (on-hold beans are in `heldBeans`). */
  beans: z.number().int(),
  /** Gift beans still on hold: not in `beans` and not withdrawable until their lot frees up. */
  heldBeans: z.number().int(),
  /** The lots on hold, soonest first (at most MAX_LISTED_HOLDS; `heldBeans` counts them all). */
  holds: z.array(BeanHold),
  /** The part of `coins` an admin granted: spent first; what it buys can never be withdrawn. */
  promoCoins: z.number().int(),
  /** The part of `beans` a payout can take (beans from promo coins or admin grants cannot). */
  withdrawableBeans: z.number().int(),
  /** Beans held by payout requests that an admin has not decided yet. */
  pendingPayoutBeans: z.number().int(),
  /** Coins owed after a refund of coins already spent; paid off by the next purchases. */
  coinsDebt: z.number().int(),
});
export type Wallet = z.infer<typeof Wallet>;

export const LedgerKind = z.enum([
  'purchase',
  'refund',
  'gift_sent',
  'gift_received',
  'payout_hold',
  'payout_release',
  'payout_reversal',
  'exchange',
  'grant',
  'admin_adjust',
]);
export type LedgerKind = z.infer<typeof LedgerKind>;

export const WalletHistoryItem = z.object({
  id: z.number().int(),
  account: z.enum(['coins', 'beans']),
  delta: z.number().int(),
  /** The balance right after this movement; null for gift beans not yet settled into the balance. */
  balanceAfter: z.number().int().nullable(),
  kind: LedgerKind,
  counterpart: z.object({ id: Id, nickname: z.string() }).nullable(),
  streamId: Id.nullable(),
  reason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type WalletHistoryItem = z.infer<typeof WalletHistoryItem>;
export const WalletHistory = z.object({
  items: z.array(WalletHistoryItem),
  nextCursor: z.string().nullable(),
});
export type WalletHistory = z.infer<typeof WalletHistory>;
export const WalletHistoryQuery = z
  .object({
    cursor: plainText()
      .regex(/^\d{1,15}$/, 'must be a cursor from a previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    account: z.enum(['coins', 'beans']).optional(),
  })
  .strict();

export const TopGifter = z.object({
  user: z.object({ id: Id, nickname: z.string(), avatarUrl: z.string().nullable() }),
  coins: z.number().int(),
});
export const TopGifters = z.object({ items: z.array(TopGifter) });
export type TopGifters = z.infer<typeof TopGifters>;
export const TopGiftersQuery = z.object({ period: z.enum(['all', 'week']).default('all') }).strict();

// ---- purchases ----

export const PaymentProvider = z.enum(['stripe', 'dev']);
export const PaymentStatus = z.enum(['pending', 'completed', 'failed', 'expired', 'refunded']);
export const Payment = z.object({
  id: Id,
  provider: PaymentProvider,
  packageId: z.string(),
  amountCents: z.number().int(),
  currency: z.string(),
  coins: z.number().int(),
  status: PaymentStatus,
  createdAt: z.iso.datetime(),
});
export type Payment = z.infer<typeof Payment>;

export const CheckoutBody = z
  .object({ packageId: plainText().min(1).max(64), idempotencyKey: IdempotencyKey })
  .strict();
export type CheckoutBody = z.infer<typeof CheckoutBody>;
export const CheckoutResponse = z.object({
  payment: Payment,
  /** Where to send the buyer: Stripe Checkout, or the dev provider's local confirmation. */
  url: z.string(),
  /** True when no real money moves (the dev provider). Clients must say so. */
  test: z.boolean(),
});
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;
export const DevCompleteBody = z.object({ paymentId: Id }).strict();
export type DevCompleteBody = z.infer<typeof DevCompleteBody>;
export const PaymentList = z.object({ items: z.array(Payment) });
export type PaymentList = z.infer<typeof PaymentList>;

// ---- payouts ----

/**
 * `approved`: approved where no Stripe is configured (the dev provider: no money moves).
 * `paying`: approved, the transfer to the streamer's Stripe account is under way (retried until done).
 * `paid`: Stripe took the transfer and the bank payout. `reversed`: the money came back and so did the beans.
 */
export const PayoutStatus = z.enum(['pending', 'approved', 'rejected', 'paying', 'paid', 'reversed']);
export type PayoutStatus = z.infer<typeof PayoutStatus>;
export const Payout = z.object({
  id: Id,
  beans: z.number().int(),
  cashCents: z.number().int(),
  currency: z.string(),
  status: PayoutStatus,
  reason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  /** Stripe's transfer id once the money moved (null without Stripe). */
  transferId: z.string().nullable(),
  /** Why a paid payout came back (`reversed`). */
  reversalReason: z.string().nullable(),
});
export type Payout = z.infer<typeof Payout>;
export const PayoutBody = z
  .object({ beans: z.number().int().positive(), idempotencyKey: IdempotencyKey })
  .strict();
export type PayoutBody = z.infer<typeof PayoutBody>;

/**
 * Where a streamer's payouts go. `stripe`: a Stripe Connect Express account, `not_connected` until
 * they start onboarding, `onboarding` until Stripe enables payouts (`currentlyDue` says what is
 * missing), then `ready`. `dev` (no Stripe configured): simulated, always `ready`, no money moves.
 */
export const PayoutAccountStatus = z.enum(['not_connected', 'onboarding', 'ready']);
export type PayoutAccountStatus = z.infer<typeof PayoutAccountStatus>;
export const PayoutAccount = z.object({
  provider: z.enum(['stripe', 'dev']),
  status: PayoutAccountStatus,
  payoutsEnabled: z.boolean(),
  detailsSubmitted: z.boolean(),
  /** Stripe's `requirements.currently_due`: the fields the streamer still has to give Stripe. */
  currentlyDue: z.array(z.string()),
  /** Stripe's `requirements.disabled_reason`, when payouts are off for a reason of Stripe's. */
  disabledReason: z.string().nullable(),
});
export type PayoutAccount = z.infer<typeof PayoutAccount>;
export const PayoutOnboardingLink = z.object({
  /** Stripe's hosted onboarding page (single use, expires in minutes: ask for a new one each time). */
  url: z.string(),
});
export type PayoutOnboardingLink = z.infer<typeof PayoutOnboardingLink>;
