import type { Me, PublicProfile } from '@airwave/shared';
import type { UserRow } from './users.repository.ts';

export function toPublicProfile(u: UserRow): PublicProfile {
  return {
    id: u.id,
    nickname: u.nickname,
    role: u.role,
    avatarUrl: u.avatarUrl,
    bio: u.bio,
    createdAt: u.createdAt.toISOString(),
    stats: {
      streamsCount: u.streamsCount,
      giftsSent: u.giftsSent,
      giftsReceived: u.giftsReceived,
      coinsSpent: u.coinsSpent,
      beansEarned: u.beansEarned,
    },
  };
}

export function toMe(u: UserRow): Me {
  return { ...toPublicProfile(u), email: u.email, coins: u.coins, beans: u.beans };
}
