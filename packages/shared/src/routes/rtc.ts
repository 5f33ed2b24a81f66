import { z } from 'zod';
import { IceServersResponse } from '../rtc.ts';
import { route } from './route.ts';

export const rtcRoutes = {
  iceServers: route({
    method: 'get',
    path: '/api/rtc/ice-servers',
    summary: 'STUN servers for anyone (TURN credentials come over the socket once joined)',
    auth: 'none',
    query: z.object({}).strict(),
    response: IceServersResponse,
  }),
};
