import type { AuthService } from '../auth/auth.service.ts';
import { defineFeature } from '../core/feature.ts';
import { usersHandlers } from './users.routes.ts';
import type { UsersService } from './users.service.ts';

/**
 * Profiles under /api/users. The service is built before the auth feature (whose `/auth/me` reads
 * it); the routes after it (a password change goes through auth).
 */
export function createUsersFeature({ users, auth }: { users: UsersService; auth: AuthService }) {
  return defineFeature({ routes: usersHandlers(users, auth) });
}
