/** Port name of the change feed (its own module so UI bundles do not pull in the schemas). */
export const CHANGE_FEED_PORT = 'changes';

/** Background → content script: the site was switched off; remove the UI and stop. */
export const TEARDOWN_MESSAGE_TYPE = 'connections:teardown';

/** Background → content script: a keyboard shortcut was pressed (`name` is the command). */
export const COMMAND_MESSAGE_TYPE = 'connections:command';

/** The commands the content script handles. */
export const PAGE_COMMANDS = {
  newConnection: 'new-connection',
  togglePanel: 'toggle-panel',
  /** From the popup's "Open Connections": open, never close. */
  openPanel: 'open-panel',
} as const;

/** Background → content script: one of its page's frames asks it to open or close a frame. */
export const PAGE_UI_MESSAGE_TYPE = 'connections:page-ui';
