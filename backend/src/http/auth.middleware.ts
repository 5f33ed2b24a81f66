import type { Principal, Role } from '@airwave/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthService } from '../auth/auth.service.ts';
import { AppError, notPermitted } from '../core/app-error.ts';

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

/** The token of an `Authorization: Bearer <token>` header; REST and the Socket.IO handshake share it. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

export function authMiddleware(auth: AuthService) {
  const requireAuth: RequestHandler = async (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in to do this.');
    req.principal = await auth.authenticate(token);
    next();
  };

  /** Signed-in users get a principal; anonymous requests pass through without one. */
  const optionalAuth: RequestHandler = async (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (token) req.principal = await auth.authenticate(token);
    next();
  };

  const requireRole =
    (...roles: Role[]): RequestHandler =>
    (req: Request, _res: Response, next: NextFunction) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED', 'Sign in to do this.');
      if (!roles.includes(req.principal.role)) throw notPermitted();
      next();
    };

  return { requireAuth, optionalAuth, requireRole };
}

export type AuthMiddleware = ReturnType<typeof authMiddleware>;

/** The principal requireAuth put on the request; calling this without requireAuth is a programming error. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new AppError('UNAUTHENTICATED', 'Sign in to do this.');
  return req.principal;
}

export function clientMeta(req: Request) {
  return { ip: req.ip, userAgent: req.get('user-agent') };
}
