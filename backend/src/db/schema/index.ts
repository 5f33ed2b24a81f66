export * from './audit.ts';
export * from './auth.ts';
export * from './chat.ts';
export * from './gifts.ts';
export * from './ledger.ts';
export * from './payments.ts';
export * from './streams.ts';
export * from './users.ts';
