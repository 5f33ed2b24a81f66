'use client';
import { useCallback, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/** Longest wait for a new stream's first frame before it is shown anyway (the old one is going). */
const FIRST_FRAME_TIMEOUT_MS = 3000;

function firstFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, FIRST_FRAME_TIMEOUT_MS);
    // Older browsers without frame callbacks: 'playing' comes just before the first frame.
    if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback(done);
    else video.addEventListener('playing', done, { once: true });
  });
}

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Two stacked video elements, so a new stream never stalls the picture: giving an element a new
 * `srcObject` restarts its media pipeline, which takes a few hundred milliseconds on a busy
 * phone. The new stream starts in the element behind; once it has presented a frame the two
 * trade places, and only then does `show` resolve (so the caller may close the old connection).
 */
export function usePictureSwap(onPlayRefused: () => void) {
  const first = useRef<HTMLVideoElement>(null);
  const second = useRef<HTMLVideoElement>(null);
  const [front, setFront] = useState<0 | 1>(0);
  const frontNow = useRef<0 | 1>(0);
  const swaps = useRef(0);
  const latest = useRef<Promise<void>>(Promise.resolve());

  const swap = useCallback(
    async (media: MediaStream | null, swap: number): Promise<void> => {
      const [shown, behind] =
        frontNow.current === 0 ? [first.current, second.current] : [second.current, first.current];
      if (!shown || !behind) return;
      if (!media) {
        shown.srcObject = null;
        behind.srcObject = null;
        return;
      }
      if (shown.srcObject === media) return;
      const play = (v: HTMLVideoElement) => v.play().catch(onPlayRefused);
      if (!shown.srcObject) {
        shown.srcObject = media;
        void play(shown);
        return;
      }
      behind.srcObject = media;
      void play(behind);
      await firstFrame(behind);
      // A newer stream took the element behind meanwhile: this one is done when that one is up.
      if (swap !== swaps.current) return latest.current;
      frontNow.current = frontNow.current === 0 ? 1 : 0;
      flushSync(() => setFront(frontNow.current));
      await nextPaint();
      shown.srcObject = null;
    },
    [onPlayRefused],
  );

  const show = useCallback(
    (media: MediaStream | null) => {
      const done = swap(media, ++swaps.current);
      latest.current = done;
      return done;
    },
    [swap],
  );

  return { slots: [first, second] as const, front, show };
}
