import type { limitsRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { LimitsService } from './limits.service.ts';

export function limitsHandlers(limits: LimitsService): Handlers<typeof limitsRoutes> {
  return {
    myLimits: ({ principal }) => limits.view(principal.userId),
    setGiftLimit: ({ principal, body }) => limits.setGiftLimit(principal.userId, body),
  };
}
