export * from './open';
export * from './schema';
export * from './tx';
export * from './outbox';
export * from './reopen';
