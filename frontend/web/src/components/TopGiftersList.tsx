import type { TopGifters } from '@airwave/shared';

/** A ranked list of who gave the most coins: on a live stream, a profile and the dashboard. */
export function TopGiftersList({
  title,
  items,
  empty,
  testId,
  className,
}: {
  title: string;
  items: TopGifters['items'];
  /** Shown when nobody gave yet; without it the section is left out then. */
  empty?: string;
  testId?: string;
  className?: string;
}) {
  if (items.length === 0 && !empty) return null;
  return (
    <section className={`card top-gifters${className ? ` ${className}` : ''}`} data-testid={testId}>
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ol>
          {items.map((g) => (
            <li key={g.user.id}>
              <span className="gifter-name">{g.user.nickname}</span>
              <span className="gifter-coins">🪙 {g.coins}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
