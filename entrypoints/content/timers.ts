import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * One timer that runs `run` once, `ms` after the first `after(ms)` since it last ran; cleared
 * when the content script is invalidated. (WXT's ctx.setTimeout adds an abort listener per
 * call, which a timer re-armed every frame would pile up.)
 */
export function oneShot(ctx: ContentScriptContext, run: () => void) {
  let id = 0;
  ctx.onInvalidated(() => clearTimeout(id));
  return {
    after(ms: number) {
      if (!id && ctx.isValid) id = window.setTimeout(() => ((id = 0), run()), ms);
    },
  };
}

/** Runs `run` every `ms` while switched on; cleared when the content script is invalidated. */
export function repeating(ctx: ContentScriptContext, run: () => void, ms: number) {
  let id = 0;
  ctx.onInvalidated(() => clearInterval(id));
  return {
    set(on: boolean) {
      if (on && !id && ctx.isValid) id = window.setInterval(run, ms);
      if (!on && id) id = (clearInterval(id), 0);
    },
  };
}
