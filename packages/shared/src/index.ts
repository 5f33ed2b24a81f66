export * from './ack.ts';
export * from './admin.ts';
export * from './auth.ts';
export * from './errors.ts';
export * from './socket-events.ts';
export * from './users.ts';
