/**
 * Bench-only preload (`node --expose-gc --import <this file compiled> <server>`, see socket-bench.ts): answers
 * a parent bench over the IPC channel. 'memory': runs a full GC and sends `process.memoryUsage()`.
 * 'loop-delay': sends the event-loop delay percentiles since the previous question, in ms. The product
 * has no such hook; only a bench's child process loads this.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

process.on('message', (message) => {
  if (message === 'memory') {
    globalThis.gc?.();
    process.send?.({ memory: process.memoryUsage() });
  } else if (message === 'loop-delay') {
    const ms = (ns: number) => ns / 1e6;
    process.send?.({
      loopDelay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    });
    delay.reset();
  }
});
