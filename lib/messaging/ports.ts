/** Port name of the change feed (its own module so UI bundles do not pull in the schemas). */
export const CHANGE_FEED_PORT = 'changes';
