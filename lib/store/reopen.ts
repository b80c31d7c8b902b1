import type { Store } from './open';

/**
 * The database as the services use it (`await ctx.db` at every call), opened again when it has
 * to be: an open that failed (quota, a locked profile) is retried at the next call instead of
 * failing every call for the worker's life (in Firefox's persistent background page, until the
 * browser restarts), and a connection the browser closed or we closed (for a newer version's
 * upgrade) is replaced by a new one. `open(gone)` must call `gone` when its connection ends.
 */
export class ReopeningStore implements Promise<Store> {
  readonly [Symbol.toStringTag] = 'Promise';
  private current: Promise<Store> | null = null;

  constructor(private readonly open: (gone: () => void) => Promise<Store>) {}

  private get(): Promise<Store> {
    if (this.current) return this.current;
    const opening: Promise<Store> = this.open(() => {
      if (this.current === opening) this.current = null;
    }).catch((e: unknown) => {
      if (this.current === opening) this.current = null;
      throw e;
    });
    this.current = opening;
    return opening;
  }

  then<A = Store, B = never>(
    onFulfilled?: ((db: Store) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.get().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Store | B> {
    return this.get().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Store> {
    return this.get().finally(onFinally);
  }
}
