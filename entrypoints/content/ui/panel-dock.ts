import { clampWidth, DEFAULT_PREFS, loadPrefs, PANEL_MAX, PANEL_MIN, savePrefs, type PanelPrefs } from '../prefs';
import { createHost, el, onTrusted } from './host';
import { extensionFrame } from './frames';

/**
 * The Connections panel in the page: a slim tab on the right edge while collapsed, the panel's
 * extension frame docked right while open, with a grip on its left edge to resize it. Open or
 * not and the width are remembered per CRM. The frame is made on the first opening (or as the
 * pointer or the focus reaches the tab) and kept.
 */
export function panelDock(css: string, signal: AbortSignal) {
  const { host, root } = createHost(css);
  const count = el('span', { class: 'count' });
  const tab = el('button', { type: 'button', class: 'tab', 'aria-expanded': 'false' }, 'Connections ', count);
  const grip = el('div', {
    class: 'grip',
    role: 'separator',
    tabindex: '0',
    'aria-orientation': 'vertical',
    'aria-label': 'Resize the Connections panel',
    'aria-valuemin': String(PANEL_MIN),
    'aria-valuemax': String(PANEL_MAX),
  });
  const dock = el('div', { class: 'dock', hidden: '' }, grip);
  root.append(tab, dock);
  let frame: Promise<HTMLIFrameElement> | null = null;
  let crm: string | null = null;
  let prefs: PanelPrefs = DEFAULT_PREFS;

  /**
   * The panel's frame, made once and kept (loading while the dock is still hidden is fine); if
   * making it failed (the background restarting, say), the next opening tries again.
   */
  const load = () =>
    (frame ??= extensionFrame('panel', 'Connections').then(
      (f) => (dock.append(f), f),
      (e: unknown) => {
        frame = null;
        throw e;
      },
    ));
  const apply = () => {
    dock.hidden = !prefs.open;
    tab.hidden = prefs.open;
    tab.setAttribute('aria-expanded', String(prefs.open));
    dock.style.width = `${prefs.width}px`;
    grip.setAttribute('aria-valuenow', String(prefs.width));
    if (prefs.open) void load();
  };
  const set = (next: PanelPrefs, persist = true) => {
    prefs = next;
    apply();
    if (persist && crm) void savePrefs(crm, prefs).catch(() => {});
  };
  const setWidth = (width: number, persist = true) => set({ ...prefs, width: clampWidth(width) }, persist);

  onTrusted(tab, 'click', () => set({ ...prefs, open: true }), signal);
  // The user heading for the tab: the frame starts loading before the click, out of sight.
  onTrusted(tab, 'pointerenter', () => void load(), signal);
  onTrusted(tab, 'focus', () => void load(), signal);
  onTrusted(
    grip,
    'pointerdown',
    (e) => {
      grip.setPointerCapture(e.pointerId);
      const move = (ev: PointerEvent) => ev.isTrusted && setWidth(window.innerWidth - ev.clientX, false);
      const up = (ev: PointerEvent) => {
        grip.removeEventListener('pointermove', move);
        grip.removeEventListener('pointerup', up);
        if (ev.isTrusted) setWidth(window.innerWidth - ev.clientX);
      };
      grip.addEventListener('pointermove', move);
      grip.addEventListener('pointerup', up);
    },
    signal,
  );
  onTrusted(
    grip,
    'keydown',
    (e) => {
      const step = e.shiftKey ? 80 : 20;
      if (e.key === 'ArrowLeft') setWidth(prefs.width + step);
      else if (e.key === 'ArrowRight') setWidth(prefs.width - step);
      else return;
      e.preventDefault();
    },
    signal,
  );

  return {
    host,
    /** The CRM on screen: its remembered panel state applies. */
    async useCrm(next: string) {
      if (next === crm) return;
      crm = next;
      const loaded = await loadPrefs(next).catch(() => DEFAULT_PREFS);
      if (crm === next) set(loaded, false);
    },
    setCount(n: number | null) {
      count.textContent = n === null ? '…' : String(n);
    },
    get open() {
      return prefs.open;
    },
    toggle(open = !prefs.open) {
      set({ ...prefs, open });
      if (open) void frame?.then((f) => f.focus());
    },
  };
}
