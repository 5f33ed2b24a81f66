import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = Pick<
  typeof users.$inferInsert,
  'email' | 'nickname' | 'passwordHash' | 'role' | 'emailVerifiedAt'
>;

export function createUsersRepository(db: Db) {
  return {
    async findById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },

    async findByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
      return row;
    },

    async insert(user: NewUser): Promise<UserRow> {
      const [row] = await db.insert(users).values(user).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async update(
      id: string,
      patch: Partial<Pick<UserRow, 'nickname' | 'avatarUrl' | 'bio' | 'passwordHash' | 'role'>>,
    ): Promise<UserRow | undefined> {
      const [row] = await db
        .update(users)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(users.id, id))
        .returning();
      return row;
    },

    /**
     * Marks `email` verified, if it is still the account's address (a link mailed to an address the
     * account has since left verifies nothing). False when it is not.
     */
    async markEmailVerified(id: string, email: string): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ emailVerifiedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(users.id, id), sql`lower(${users.email}) = ${email.toLowerCase()}`))
        .returning({ id: users.id });
      return rows.length > 0;
    },

    /** Moves the account to an address its owner proved they read: verified from now on. */
    async changeEmail(id: string, email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .update(users)
        .set({ email, emailVerifiedAt: new Date(), updatedAt: new Date() })
        .where(eq(users.id, id))
        .returning();
      return row;
    },

    /** Accounts that are not admins: people who registered, or demo accounts already seeded. */
    async countNonAdmins(): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(ne(users.role, 'admin'));
      return row?.n ?? 0;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
