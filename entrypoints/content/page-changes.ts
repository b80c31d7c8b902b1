import { ourElements } from './ui/host';

/** Our own hosts (the Connect button, the frames): moving them is no change of the CRM's page. */
const isOurs = (node: Node) => node instanceof Element && ourElements.has(node);

const elementOf = (node: Node) => (node instanceof Element ? node : node.parentElement);

/**
 * Watches the CRM's page (not our own UI) and says what changed since it was last asked: any of
 * it (`any`), and the notice that confirms a save (`saved`, matching `savedNotice`, a selector
 * given by the CRM now on screen). `onChange` runs after each batch of changes.
 */
export function watchPageChanges(onChange: () => void) {
  let notice: string | undefined;
  const seen = { any: false, saved: false };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const moved = [...r.addedNodes, ...r.removedNodes];
      if (moved.length && moved.every(isOurs)) continue;
      seen.any = true;
      if (notice && elementOf(r.target)?.closest(notice)) seen.saved = true;
    }
    if (seen.any) onChange();
  });
  observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  return {
    /** The save notice of the CRM now on screen, if it has one. */
    watchNotice(selector: string | undefined) {
      notice = selector;
    },
    /** What changed since the last call. */
    take() {
      const out = { ...seen };
      seen.any = seen.saved = false;
      return out;
    },
    disconnect: () => observer.disconnect(),
  };
}
