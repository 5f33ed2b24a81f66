// Type-level tests, checked by `npm run typecheck` and never run: each @ts-expect-error must be an
// error, so a handler that stopped being checked against its route fails the typecheck.
import type { authRoutes, streamsRoutes } from '@airwave/shared';
import type { Handlers, RouteHandler } from './register-routes.ts';

type GetStream = (typeof streamsRoutes)['getStream'];

// @ts-expect-error a handler answering a page where its route answers one stream
export const wrongResponse: RouteHandler<GetStream> = async () => ({ items: [], nextCursor: null });

// @ts-expect-error params are parsed by the route's schema: `id` is a string, there is no `slug`
export const wrongParams: RouteHandler<GetStream> = async ({ params }) => params.slug;

// @ts-expect-error a handler map must cover every route of its table
export const missingRoute: Handlers<Pick<typeof streamsRoutes, 'getStream' | 'categories'>> = {
  categories: async () => ({ items: [] }),
};

type Logout = (typeof authRoutes)['logout'];

// @ts-expect-error POST /api/auth/logout answers 204: its handler returns nothing
export const bodyOn204: RouteHandler<Logout> = async () => ({ ok: true });
