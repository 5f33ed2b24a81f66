import { useEffect, useRef } from 'react';
import type { VideoViewProps } from './VideoView.tsx';

/** A full-bleed <video> in the browser. */
export function VideoView({ media, mirror, testID, muted }: VideoViewProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const stream = (media?.native as MediaStream | undefined) ?? null;
    if (el.srcObject !== stream) el.srcObject = stream;
    if (stream) {
      el.play().catch(() => {
        // Autoplay with sound was refused: play muted rather than not at all.
        el.muted = true;
        void el.play().catch(() => undefined);
      });
    }
  }, [media]);
  return (
    <video
      ref={ref}
      data-testid={testID}
      autoPlay
      playsInline
      muted={muted}
      style={{
        position: 'absolute',
        inset: 0,
        width: '100%',
        height: '100%',
        objectFit: 'cover',
        background: '#000',
        transform: mirror ? 'scaleX(-1)' : undefined,
      }}
    />
  );
}
