import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..');
const LEDGER = path.join(SRC, 'ledger');

/** Every way code here writes ledger rows, pending credits or balances (Drizzle or raw SQL). */
const WRITES = [
  /\.(insert|update|delete)\(\s*(ledgerEntries|pendingBeanCredits|beanHolds|journalEntries|postings)\b/,
  /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(ledger_entries|pending_bean_credits|bean_holds|journal_entries|postings)\b/i,
  /\bUPDATE\s+users\s+SET\b[^`]*?\b(coins|beans|promo_coins|promo_beans)\s*=/i,
  /\.update\(\s*users\s*\)\s*\.set\(\s*\{[^}]*\b(coins|beans|promoCoins|promoBeans)\s*:/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const writersIn = (files: string[]) =>
  files
    .filter((f) => WRITES.some((re) => re.test(readFileSync(f, 'utf8'))))
    .map((f) => path.relative(SRC, f))
    .sort();

describe('the ledger module is the only writer of money', () => {
  it('finds the writes it looks for in the ledger module itself', () => {
    expect(writersIn(sourceFiles(LEDGER))).toEqual([
      'ledger/bean-settler.ts',
      'ledger/gift-send.ts',
      'ledger/hold-release.ts',
      'ledger/ledger.repository.ts',
    ]);
  });

  it('finds none anywhere else in the backend (tests aside)', () => {
    const elsewhere = sourceFiles(SRC).filter((f) => !f.startsWith(LEDGER + path.sep));
    expect(writersIn(elsewhere)).toEqual([]);
  });
});
