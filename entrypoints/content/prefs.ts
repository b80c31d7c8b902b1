import { browser } from 'wxt/browser';

/** How the panel looks in one CRM: remembered per CRM, since their layouts differ. */
export interface PanelPrefs {
  open: boolean;
  width: number;
}

export const PANEL_MIN = 280;
export const PANEL_MAX = 720;
export const DEFAULT_PREFS: PanelPrefs = { open: false, width: 380 };

const key = (crm: string) => `panel:${crm}`;

/** Reads the panel's remembered state for a CRM. */
export async function loadPrefs(crm: string): Promise<PanelPrefs> {
  const stored = (await browser.storage.local.get(key(crm)))[key(crm)] as Partial<PanelPrefs> | undefined;
  return { ...DEFAULT_PREFS, ...stored, width: clampWidth(stored?.width ?? DEFAULT_PREFS.width) };
}

/** Remembers the panel's state for a CRM. */
export function savePrefs(crm: string, prefs: PanelPrefs): Promise<void> {
  return browser.storage.local.set({ [key(crm)]: prefs });
}

/** Keeps a width inside the panel's bounds and the window. */
export function clampWidth(width: number): number {
  const max = Math.min(PANEL_MAX, Math.max(PANEL_MIN, (globalThis.innerWidth || 1280) - 120));
  return Math.round(Math.min(max, Math.max(PANEL_MIN, Number.isFinite(width) ? width : DEFAULT_PREFS.width)));
}
