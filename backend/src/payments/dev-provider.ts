import type { CheckoutProvider } from './provider.ts';

/**
 * For development without Stripe keys: no money moves, the "checkout" is a local confirmation
 * page that calls POST /api/payments/dev/complete. Never used in production (see the feature).
 */
export function createDevProvider(publicUrl: string): CheckoutProvider {
  const url = (paymentId: string) => `${publicUrl}/coins/dev-checkout?payment=${paymentId}`;
  return {
    name: 'dev',
    test: true,
    async createCheckout(payment) {
      return { transactionId: `dev_${payment.id}`, url: url(payment.id) };
    },
    async resumeUrl(payment) {
      return url(payment.id);
    },
  };
}
