'use client';
import { usePathname } from 'next/navigation';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';

/**
 * A phone-size navigation menu behind a button (a disclosure, not an ARIA menu: it holds links).
 * It closes when a link is followed, on Escape (focus goes back to its button, so a keyboard user
 * is not left on a hidden link) and on a tap or focus outside `area`.
 */
export function useDisclosureMenu<Area extends HTMLElement>() {
  const [open, setOpen] = useState(false);
  const area = useRef<Area>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the path changing is the trigger
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const inside = (node: EventTarget | null) =>
      node instanceof Node && Boolean(area.current?.contains(node));
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      if (inside(document.activeElement)) button.current?.focus();
    };
    const onOutside = (e: Event) => {
      if (!inside(e.target)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onOutside);
    window.addEventListener('focusin', onOutside);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onOutside);
      window.removeEventListener('focusin', onOutside);
    };
  }, [open]);

  return { open, setOpen, area, button };
}

interface ToggleProps {
  menu: {
    open: boolean;
    setOpen: (update: (open: boolean) => boolean) => void;
    button: RefObject<HTMLButtonElement | null>;
  };
  /** The id of the element the button shows and hides. */
  controls: string;
  className: string;
  children: ReactNode;
  testId?: string;
}

/** The button that opens and closes a `useDisclosureMenu` menu. */
export function MenuToggle({ menu, controls, className, children, testId }: ToggleProps) {
  return (
    <button
      type="button"
      ref={menu.button}
      className={`btn btn-small ${className}`}
      aria-expanded={menu.open}
      aria-controls={controls}
      onClick={() => menu.setOpen((open) => !open)}
      data-testid={testId}
    >
      {children}
    </button>
  );
}
