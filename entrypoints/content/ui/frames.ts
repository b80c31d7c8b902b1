import { browser } from 'wxt/browser';
import { call } from '../../../lib/messaging/client';
import type { FrameKind } from '../../../lib/messaging/protocol';

/**
 * An extension frame for this page: a token made here and told to the background first, then
 * the frame's page (`panel.html`, `dialog.html`) with the token (and `params`) in its address,
 * which only the frame reads. The background then answers that frame, in this tab, and no
 * copy of it a page could make.
 */
export async function extensionFrame(kind: FrameKind, title: string, params: Record<string, string> = {}) {
  const token = crypto.randomUUID();
  await call('page.frame', { kind, token });
  const frame = document.createElement('iframe');
  frame.title = title;
  frame.src = `${browser.runtime.getURL(`/${kind}.html`)}#${new URLSearchParams({ t: token, ...params })}`;
  return frame;
}
