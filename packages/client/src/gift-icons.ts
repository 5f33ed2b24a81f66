/** How each catalog icon key is drawn, on every client. Unknown keys fall back to a gift box. */
const GIFT_ICONS: Record<string, string> = {
  heart: '❤️',
  rose: '🌹',
  coffee: '☕',
  'ice-cream': '🍦',
  microphone: '🎤',
  guitar: '🎸',
  diamond: '💎',
  'sports-car': '🏎️',
  yacht: '🛥️',
  rocket: '🚀',
  star: '⭐',
  fire: '🔥',
  clap: '👏',
  cake: '🎂',
  crown: '👑',
  castle: '🏰',
  unicorn: '🦄',
  planet: '🪐',
  galaxy: '🌌',
  dragon: '🐉',
};

export const giftIcon = (key: string) => GIFT_ICONS[key] ?? '🎁';
