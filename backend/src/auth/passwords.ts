import bcrypt from 'bcrypt';

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
