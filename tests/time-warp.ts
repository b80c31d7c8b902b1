/**
 * Makes timers of exactly the given lengths run `factor` times faster (all others are left
 * alone), so a test can wait past the sync engine's idle and long-poll limits (60 s, 30 s, 55 s)
 * in a fraction of a second while the engine's own timer logic runs unchanged. Returns the undo.
 */
export function warpTimers(lengths: readonly number[], factor: number): () => void {
  const real = globalThis.setTimeout;
  const warped = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    real(fn, ms !== undefined && lengths.includes(ms) ? ms / factor : ms, ...args);
  globalThis.setTimeout = Object.assign(warped, real) as unknown as typeof setTimeout;
  return () => void (globalThis.setTimeout = real);
}
