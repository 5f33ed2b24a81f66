import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { detailsOf, retryAfterOf } from './error-details.ts';

describe('detailsOf', () => {
  it('gives the field issues of a VALIDATION_FAILED call, as the server sends them', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'Invalid request', [
      { path: 'email', message: 'must be a valid email address' },
    ]);
    expect(detailsOf(err, 'VALIDATION_FAILED')).toEqual([
      { path: 'email', message: 'must be a valid email address' },
    ]);
  });

  it('reads a negative ack the same way', () => {
    const ackError = { code: 'SLOW_MODE', message: 'Slow mode is on', details: { retryAfterSeconds: 4 } };
    expect(detailsOf(ackError, 'SLOW_MODE')).toEqual({ retryAfterSeconds: 4 });
  });

  it('gives nothing for another code, a shape the contract does not know, or no error at all', () => {
    const limited = new ApiError(429, 'RATE_LIMITED', 'Too many', { retryAfterSeconds: 3 });
    expect(detailsOf(limited, 'SLOW_MODE')).toBeUndefined();
    // The guess the mobile app used to make: the server never sends `fieldErrors`.
    const guessed = new ApiError(400, 'VALIDATION_FAILED', 'Invalid', { fieldErrors: { email: ['bad'] } });
    expect(detailsOf(guessed, 'VALIDATION_FAILED')).toBeUndefined();
    expect(detailsOf(new Error('boom'), 'RATE_LIMITED')).toBeUndefined();
    expect(detailsOf(undefined, 'RATE_LIMITED')).toBeUndefined();
  });

  it('finds the wait of every refusal that names one, and none elsewhere', () => {
    expect(retryAfterOf({ code: 'CHAT_TIMED_OUT', message: '', details: { retryAfterSeconds: 60 } })).toBe(
      60,
    );
    expect(retryAfterOf(new ApiError(429, 'RATE_LIMITED', '', { retryAfterSeconds: 3 }))).toBe(3);
    expect(retryAfterOf({ code: 'SERVICE_UNAVAILABLE', message: '' })).toBeUndefined();
    expect(
      retryAfterOf({ code: 'FORBIDDEN', message: '', details: { retryAfterSeconds: 3 } }),
    ).toBeUndefined();
  });
});
