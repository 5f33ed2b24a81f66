import {
  AdminChatPage,
  AdminEndStreamBody,
  AdminGiftPage,
  AdminPageQuery,
  AdminStream,
  AdminStreamList,
  AdminStreamsQuery,
} from '../admin.ts';
import { IdParams } from '../users.ts';
import { route, staff } from './route.ts';

/** Moderators may use these too (they can already end any stream). */
const stream = { auth: staff, params: IdParams } as const;

export const adminStreamsRoutes = {
  adminStreams: route({
    method: 'get',
    path: '/api/admin/streams',
    summary: 'Streams, filtered and paged',
    auth: staff,
    query: AdminStreamsQuery,
    response: AdminStreamList,
  }),
  adminEndStream: route({
    method: 'post',
    path: '/api/admin/streams/:id/end',
    summary: 'End any stream, saying why',
    ...stream,
    body: AdminEndStreamBody,
    labels: { params: 'stream id', body: 'end request' },
    response: AdminStream,
  }),
  adminStreamChat: route({
    method: 'get',
    path: '/api/admin/streams/:id/chat',
    summary: "A stream's chat, deleted messages included",
    ...stream,
    query: AdminPageQuery,
    labels: { params: 'stream id' },
    response: AdminChatPage,
  }),
  adminStreamGifts: route({
    method: 'get',
    path: '/api/admin/streams/:id/gifts',
    summary: 'The gifts sent in a stream',
    ...stream,
    query: AdminPageQuery,
    labels: { params: 'stream id' },
    response: AdminGiftPage,
  }),
};
