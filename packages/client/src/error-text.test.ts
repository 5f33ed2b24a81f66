import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { errorText, refusalText } from './error-text.ts';
import { sharedEn } from './messages/en.ts';

const words = { ...sharedEn, networkError: 'offline', unknownError: 'oops' };

describe('error sentences', () => {
  it('words the code, adds field issues and the wait the server sent', () => {
    expect(refusalText({ code: 'STREAM_FULL', message: 'full' }, words)).toBe('This stream is full.');
    expect(
      errorText(
        new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ path: 'title', message: 'too long' }]),
        words,
      ),
    ).toBe('Some fields are not valid. title: too long');
    expect(
      refusalText({ code: 'SLOW_MODE', message: 'slow', details: { retryAfterSeconds: 4 } }, words),
    ).toBe('Slow mode is on. Wait a moment before writing again. Try again in 4 s.');
  });

  it('adds how much of a spending limit is used and when it resets, or when a new account may buy', () => {
    const resetsAt = '2030-01-02T00:00:00.000Z';
    expect(
      refusalText(
        {
          code: 'GIFT_DAILY_LIMIT',
          message: 'x',
          details: { limit: 100, used: 90, requested: 20, resetsAt },
        },
        words,
      ),
    ).toBe(
      `You reached your daily gift limit. 90 of 100 coins used; it resets ${new Date(resetsAt).toLocaleString('en')}.`,
    );
    expect(
      refusalText({ code: 'PURCHASE_TOO_SOON', message: 'x', details: { availableAt: resetsAt } }, words),
    ).toBe(`New accounts cannot buy coins yet. You can buy from ${new Date(resetsAt).toLocaleString('en')}.`);
    // Details of the wrong shape are not trusted: the plain sentence only.
    expect(refusalText({ code: 'PURCHASE_DAILY_LIMIT', message: 'x', details: { limit: 'a' } }, words)).toBe(
      'You reached your daily purchase limit.',
    );
  });

  it("falls back to the server's message, and names a network failure or a bug as such", () => {
    expect(refusalText({ code: 'SOMETHING_NEW', message: 'the server says' }, words)).toBe('the server says');
    expect(errorText(new ApiError(0, 'NETWORK', 'network error'), words)).toBe('offline');
    expect(errorText(new TypeError('x is undefined'), words)).toBe('oops');
  });
});
