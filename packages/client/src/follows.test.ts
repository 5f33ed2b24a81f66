import type { FollowState } from '@airwave/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { refusalText } from './error-text.ts';
import { optimisticFollow, toggleFollow } from './follows.ts';
import { sharedEn } from './messages/en.ts';
import { sharedRu } from './messages/ru.ts';

const streamerId = '11111111-1111-4111-8111-111111111111';
const notFollowing: FollowState = { streamerId, followerCount: 4, following: false, followedAt: null };

describe('the follow button', () => {
  it('shows the flip at once, then what the server answered', async () => {
    const shown: FollowState[] = [];
    const server: FollowState = { ...notFollowing, followerCount: 9, following: true, followedAt: 'x' };
    await toggleFollow(
      { follow: async () => server, unfollow: async () => Promise.reject(new Error('wrong call')) },
      notFollowing,
      (s) => shown.push(s),
    );
    expect(shown.map((s) => [s.following, s.followerCount])).toEqual([
      [true, 5],
      [true, 9],
    ]);
  });

  it('rolls back to where it started when the call fails, and rethrows', async () => {
    const shown: FollowState[] = [];
    const following = optimisticFollow(notFollowing, true);
    const refusal = new ApiError(429, 'RATE_LIMITED', 'slow down');
    const failing = { follow: () => Promise.reject(refusal), unfollow: () => Promise.reject(refusal) };
    await expect(toggleFollow(failing, following, (s) => shown.push(s))).rejects.toBe(refusal);
    expect(shown.map((s) => [s.following, s.followerCount])).toEqual([
      [false, 4],
      [true, 5],
    ]);
  });

  it('never counts below zero, and leaves an unchanged state alone', () => {
    expect(
      optimisticFollow({ ...notFollowing, following: true, followerCount: 0 }, false).followerCount,
    ).toBe(0);
    expect(optimisticFollow(notFollowing, false)).toBe(notFollowing);
  });
});

describe('follow ages and the followers-only refusal', () => {
  it('words a duration in its largest whole unit', () => {
    expect([10, 60, 90, 1440, 2880, 10_080].map(sharedEn.duration)).toEqual([
      '10 minutes',
      '1 hour',
      '90 minutes',
      '1 day',
      '2 days',
      '1 week',
    ]);
    expect([1, 3, 5, 21, 1440, 4320, 10_080].map(sharedRu.duration)).toEqual([
      '1 минуту',
      '3 минуты',
      '5 минут',
      '21 минуту',
      '1 день',
      '3 дня',
      '1 неделю',
    ]);
  });

  it('tells a non-follower to follow, and a new follower when they may write', () => {
    const words = { ...sharedEn, networkError: '', unknownError: '' };
    const refusal = (details: unknown) =>
      refusalText({ code: 'FOLLOWERS_ONLY', message: 'm', details }, words);
    expect(refusal({ minFollowAgeMinutes: 0 })).toBe(
      'This chat is for followers of the channel. Follow it to write.',
    );
    expect(refusal({ minFollowAgeMinutes: 1440 })).toContain('after 1 day you can write');
    const writableAt = '2030-01-02T03:04:00.000Z';
    expect(refusal({ minFollowAgeMinutes: 10, writableAt })).toContain(
      new Date(writableAt).toLocaleString('en'),
    );
  });
});
