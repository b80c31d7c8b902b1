import { signal } from '@preact/signals';
import { render } from 'preact';
import { PageApp } from '../../components/page/PageApp';
import type { PageModel } from '../../components/page/page-model';
import { ConnectButton } from '../../components/panel/ConnectButton';
import pageCss from '../../components/page/page.css?inline';
import themeCss from '../../components/theme.css?inline';

const css = themeCss + pageCss;

export const UI_NAME = 'crm-connections';

/** "Connect" beside the title, while the page shows a record. */
function InlineConnect({ model }: { model: PageModel }) {
  return model.record.value ? <ConnectButton model={model} /> : null;
}

/**
 * An element with an open shadow root holding our styles and a container to render into. The
 * CRM's styles can't reach inside (inherited ones are reset by `all: initial` on :host); key
 * events stop at the host so typing in our fields never fires the CRM's own shortcuts.
 */
function shadowHost(name: string) {
  const host = document.createElement(name);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
  return { host, container };
}

/**
 * Mounts the page UI at the end of <body>, and "Connect" right after the CRM's title landmark
 * while that is on the page (`place` is called again whenever the page changes).
 */
export function mountPageUi(model: PageModel, titleSelector?: string) {
  const inline = signal(false);
  const main = shadowHost(UI_NAME);
  render(<PageApp model={model} inlineConnect={inline} />, main.container);
  document.body.append(main.host);

  const beside = titleSelector ? shadowHost(`${UI_NAME}-connect`) : null;
  if (beside) render(<InlineConnect model={model} />, beside.container);

  return {
    /** Keeps "Connect" beside the title as SPAs re-render it; floating when there is none. */
    place() {
      if (!main.host.isConnected) document.body.append(main.host);
      if (!beside || !titleSelector) return;
      const title = document.querySelector(titleSelector);
      if (title && title.nextElementSibling !== beside.host) title.after(beside.host);
      if (!title && beside.host.isConnected) beside.host.remove();
      inline.value = !!title;
    },
    remove() {
      render(null, main.container);
      main.host.remove();
      if (beside) {
        render(null, beside.container);
        beside.host.remove();
      }
    },
  };
}
