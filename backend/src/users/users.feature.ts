import type { AuthService } from '../auth/auth.service.ts';
import type { Feature } from '../core/feature.ts';
import type { AuthMiddleware } from '../http/auth.middleware.ts';
import { usersRoutes } from './users.routes.ts';
import type { UsersService } from './users.service.ts';

/**
 * Profiles under /api/users. The service is built before the auth feature (whose `/auth/me` reads
 * it); the routes after it (a password change goes through auth).
 */
export function createUsersFeature({
  users,
  auth,
  mw,
}: {
  users: UsersService;
  auth: AuthService;
  mw: AuthMiddleware;
}): Feature {
  return { routes: [['/users', usersRoutes(users, auth, mw)]] };
}
