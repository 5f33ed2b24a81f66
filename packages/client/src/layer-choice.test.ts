import { describe, expect, it } from 'vitest';
import { autoLayer, CLEAN_INTERVALS_TO_STEP_UP, layerForHeight } from './layer-choice.ts';

/** Plays intervals of 100 packets each, `lost` of them lost, into one rule (after a baseline reading). */
function driver(rule = autoLayer()) {
  let received = 0;
  let lost = 0;
  const read = (height: number | null) =>
    rule.next({ framesDecoded: received, packetsReceived: received, packetsLost: lost }, height);
  read(720);
  return (intervals: number[], height: number | null = 720) =>
    intervals.map((l) => {
      received += 100 - l;
      lost += l;
      return read(height);
    });
}

describe('Auto quality through the SFU', () => {
  it('caps the layer at what the player shows', () => {
    expect([180, 240, 360, 480, 720, 1080].map(layerForHeight)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
    expect(driver()([0, 0], 300)).toEqual(['medium', 'medium']);
    expect(driver()([0], null)).toEqual(['high']);
  });

  it('steps down at once on heavy loss, and up only after clean intervals in a row', () => {
    const clean = Array(CLEAN_INTERVALS_TO_STEP_UP).fill(0);
    expect(driver()([20, 20, 20])).toEqual(['medium', 'low', 'low']);
    const feed = driver();
    expect(feed([20, 20])).toEqual(['medium', 'low']);
    // Two clean intervals are not enough; the third steps up one layer; a lossy one resets the count.
    expect(feed([...clean, 1, 1, 30, ...clean])).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'medium',
      'low',
      'low',
      'low',
      'medium',
    ]);
  });

  it('steps down from the layer actually received when the size was the cap', () => {
    const feed = driver();
    expect(feed([0, 25], 200)).toEqual(['low', 'low']);
    // Full screen now: it does not jump back to the top after loss on the small player's layer.
    expect(feed([0], 1080)).toEqual(['low']);
  });
});
