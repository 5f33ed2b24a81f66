import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiFrom,
  browserAvailable,
  launchBrowser,
  newUser,
  registerThroughUi,
  startAirwave,
} from './harness.ts';

describe.runIf(browserAvailable)(
  'money records and limits in the web wallet, at phone size',
  { timeout: 120_000 },
  () => {
    let airwave: Awaited<ReturnType<typeof startAirwave>>;
    let browser: Browser;
    beforeAll(async () => {
      airwave = await startAirwave();
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await airwave?.stop();
    });

    it('receipts, a self-set gift limit, a statement download; a return URL never claims an unpaid purchase', async () => {
      const phone = await newUser(browser, airwave.url, { width: 390, height: 844 });
      const { page } = phone;
      await registerThroughUi(page, 'money');

      // A checkout that was started but not paid: "success" in the URL is not believed.
      const started = await apiFrom(page, 'web', 'POST', '/api/payments/checkout', {
        packageId: 'coins-100',
        idempotencyKey: crypto.randomUUID(),
      });
      const pendingId = (started.body.payment as { id: string }).id;
      await page.goto(`/wallet?payment=${pendingId}&result=success`);
      await page.getByTestId('checkout-result').filter({ hasText: 'being confirmed' }).waitFor();
      expect(await page.getByText('coins added to your wallet').count()).toBe(0);
      await page.goto(`/wallet?payment=${pendingId}&result=expired`);
      await page.getByTestId('checkout-result').filter({ hasText: 'expired' }).waitFor();

      // A paid one does show success, and its receipt.
      await page.getByTestId('buy-coins-100').click();
      await page.getByTestId('dev-confirm').click();
      await page.getByText('100 coins added to your wallet.').waitFor();
      const receipts = page.getByTestId('receipts-table');
      await receipts.getByText('Paid').waitFor();
      await expect.poll(() => receipts.locator('tbody tr').count()).toBe(2);

      // Self-exclusion: lower the daily gift limit; it applies at once.
      await page.getByTestId('gift-limit').filter({ hasText: '0 of 50000' }).waitFor();
      await page.getByLabel('My daily gift limit (coins)').fill('50');
      await page.getByTestId('set-gift-limit').click();
      await page.getByText('Your limit is saved.').waitFor();
      await page.getByTestId('gift-limit').filter({ hasText: '0 of 50' }).waitFor();
      // Raising waits for the cooling-off period, and the page says until when.
      await page.getByLabel('My daily gift limit (coins)').fill('500');
      await page.getByTestId('set-gift-limit').click();
      await page.getByTestId('pending-raise').filter({ hasText: 'rises to 500' }).waitFor();

      const download = page.waitForEvent('download');
      await page.getByTestId('statement-download').click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(
        /^airwave-statement-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
      );

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: '/tmp/limits-wallet-phone.png', fullPage: true });
      expect(phone.consoleErrors).toEqual([]);
    });
  },
);
