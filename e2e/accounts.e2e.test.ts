import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  followMailedLink,
  launchBrowser,
  newUser,
  registerThroughUi,
  startAirwave,
} from './harness.ts';

const seriousViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe.runIf(browserAvailable)('a forgotten password, at phone size', { timeout: 120_000 }, () => {
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

  it('forgot password → the mail in /dev/mail → reset → sign in with the new password', async () => {
    const signUp = await newUser(browser, airwave.url, { width: 390, height: 844 });
    const id = await registerThroughUi(signUp.page, 'forgetful');
    const email = `${id}@example.test`;
    await signUp.context.close();

    const { page, context } = await newUser(browser, airwave.url, { width: 390, height: 844 });
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/forgot-password');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByTestId('forgot-sent').waitFor();

    await followMailedLink(page, email, '/reset-password');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const password = `a brand new passphrase ${id}`;
    await page.getByLabel('New password').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByTestId('reset-done').waitFor();
    // The page fits a phone: nothing runs off to the side.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole('link', { name: 'Go to sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('coin-balance').waitFor();
    await context.close();
  });
});
