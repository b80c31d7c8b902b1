/** Port name of the change feed (its own module so UI bundles do not pull in the schemas). */
export const CHANGE_FEED_PORT = 'changes';

/** Background → content script: the site was switched off; remove the UI and stop. */
export const TEARDOWN_MESSAGE_TYPE = 'connections:teardown';
