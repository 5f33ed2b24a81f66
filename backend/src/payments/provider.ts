import type { PaymentRow } from './payments.repository.ts';

/** Where a buyer pays: Stripe Checkout, or the dev provider's local confirmation. */
export interface CheckoutProvider {
  readonly name: PaymentRow['paymentProvider'];
  /** True when no real money moves; the API says so and clients must show it. */
  readonly test: boolean;
  /** Starts paying for a pending payment; safe to call again for the same payment. */
  createCheckout(payment: PaymentRow): Promise<{ transactionId: string; url: string }>;
  /** The URL to send the buyer back to when they retry a checkout that already started. */
  resumeUrl(payment: PaymentRow): Promise<string>;
}

export const returnUrl = (publicUrl: string, paymentId: string, result: 'success' | 'cancel' | 'expired') =>
  `${publicUrl}/wallet?payment=${paymentId}&result=${result}`;
