import bcrypt from 'bcrypt';
import { AppError } from '../http/errors.ts';
import { isCommonPassword } from './common-passwords.ts';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time check; also burns the same time when there is no hash, so timing tells nothing. */
  verify(password: string, hash: string | undefined): Promise<boolean>;
}

export function createPasswordHasher(cost: number): PasswordHasher {
  // A real hash of a random string at the same cost, so unknown accounts take as long as known ones.
  const dummy = bcrypt.hash(crypto.randomUUID(), cost);
  return {
    hash: (password) => bcrypt.hash(password, cost),
    async verify(password, hash) {
      const ok = await bcrypt.compare(password, hash ?? (await dummy));
      return ok && hash !== undefined;
    },
  };
}

/** Rules beyond length (which the contract checks): not a well-known password, not your own name. */
export function assertPasswordAcceptable(password: string, personal: { email: string; nickname: string }) {
  const lower = password.toLowerCase();
  if (isCommonPassword(password)) {
    throw new AppError('WEAK_PASSWORD', 'This password is too common. Choose one that is harder to guess.');
  }
  if (lower === personal.email.toLowerCase() || lower === personal.nickname.toLowerCase()) {
    throw new AppError('WEAK_PASSWORD', 'The password must not be your email or nickname.');
  }
}
