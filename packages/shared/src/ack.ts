import type { ApiErrorBody } from './errors.ts';

/** Acknowledgement every client→server socket event answers with. */
export type AckOk<T extends object = object> = { ok: true } & T;
export type AckError = { ok: false; error: ApiErrorBody };
export type Ack<T extends object = object> = AckOk<T> | AckError;
export type AckCallback<T extends object = object> = (response: Ack<T>) => void;
