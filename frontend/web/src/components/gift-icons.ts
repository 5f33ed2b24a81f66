/** How each catalog icon key is drawn. Unknown keys fall back to a gift box. */
const ICONS: Record<string, string> = {
  heart: '❤️',
  'ice-cream': '🍦',
  microphone: '🎤',
  guitar: '🎸',
  'sports-car': '🏎️',
  rose: '🌹',
  star: '⭐',
  coffee: '☕',
  fire: '🔥',
  clap: '👏',
  cake: '🎂',
  diamond: '💎',
  crown: '👑',
  rocket: '🚀',
  castle: '🏰',
  unicorn: '🦄',
  planet: '🪐',
  galaxy: '🌌',
  dragon: '🐉',
  yacht: '🛥️',
};
export const giftIcon = (key: string) => ICONS[key] ?? '🎁';
