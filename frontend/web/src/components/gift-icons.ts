export { giftIcon } from '@airwave/client';
