/**
 * Bench-only preload (`node --expose-gc --import tsx --import bench/memory-probe.ts <server>`): when the
 * parent bench sends 'memory' over the IPC channel, runs a full GC and answers with
 * `process.memoryUsage()`. The product has no such hook; only a bench's child process loads this.
 */
process.on('message', (message) => {
  if (message !== 'memory') return;
  globalThis.gc?.();
  process.send?.({ memory: process.memoryUsage() });
});
