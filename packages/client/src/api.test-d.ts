// Type-level tests, checked by `npm run typecheck` and never run: each @ts-expect-error must be an
// error, so a route call that stopped being checked against the contract fails the typecheck.
import { apiRoutes, type Stream, type StreamList } from '@airwave/shared';
import { callRoute } from './api.ts';

export async function routeCallsAreTyped(id: string) {
  const stream: Stream = await callRoute(apiRoutes.getStream, { params: { id } });
  const list: StreamList = await callRoute(apiRoutes.listStreams, { query: { status: 'ended', limit: 5 } });
  // A route whose inputs are all optional takes none.
  const categories = await callRoute(apiRoutes.categories);
  return { stream, list, categories };
}

export async function aWrongBodyDoesNotCompile() {
  // @ts-expect-error the title must be a string
  await callRoute(apiRoutes.createStream, { body: { title: 1, category: 'music' } });
  // @ts-expect-error the category is one of the contract's
  await callRoute(apiRoutes.createStream, { body: { title: 'Live', category: 'cooking' } });
  // @ts-expect-error the body is required
  await callRoute(apiRoutes.login, {});
  // @ts-expect-error a route with params needs them
  await callRoute(apiRoutes.getStream, {});
}

export async function aWrongResponseTypeDoesNotCompile(id: string) {
  // @ts-expect-error GET /api/streams/:id answers one Stream, not a page of them
  const list: StreamList = await callRoute(apiRoutes.getStream, { params: { id } });
  // @ts-expect-error a 204 route answers nothing
  const nothing: { ok: true } = await callRoute(apiRoutes.logout, { body: {} });
  return { list, nothing };
}
