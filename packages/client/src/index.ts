export * from './api.ts';
export * from './browser-media.ts';
export * from './gift-icons.ts';
export * from './media.ts';
export * from './redirect.ts';
export * from './room.ts';
export * from './session.ts';
export * from './socket.ts';
