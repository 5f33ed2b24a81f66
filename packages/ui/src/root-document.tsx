import type { Viewport } from 'next';
import type { ReactNode } from 'react';

/** Both apps paint the same dark frame before their CSS loads. */
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b0d12' };

/** `<html>` and `<body>` with the skip link every page starts with; the app's providers go inside. */
export function RootDocument({
  lang,
  skipLabel,
  children,
}: {
  lang: string;
  skipLabel: string;
  children: ReactNode;
}) {
  return (
    <html lang={lang}>
      <body>
        <a className="skip-link" href="#content">
          {skipLabel}
        </a>
        {children}
      </body>
    </html>
  );
}
