import { createHash, randomBytes } from 'node:crypto';
import { Id, Role } from '@airwave/shared';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AppError } from '../core/app-error.ts';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  role: Role;
}

export interface TokenSettings {
  jwtSecret: string;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
}

const ALGORITHMS = ['HS256'];

/** The claims {@link createAccessTokens} signs; jose has checked iss, aud, exp and iat already. */
const AccessTokenClaims = z.object({ sub: Id, sid: Id, role: Role, exp: z.number().int().positive() });

export function createAccessTokens(settings: TokenSettings) {
  const key = new TextEncoder().encode(settings.jwtSecret);
  return {
    async sign(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + settings.accessTtlSeconds;
      const token = await new SignJWT({ sid: claims.sessionId, role: claims.role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.userId)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt(now)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000) };
    },

    /** Checks signature (HS256 only: `none` and RS/ES confusion are refused), issuer, audience, expiry. */
    async verify(token: string): Promise<AccessClaims & { expiresAt: Date }> {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ALGORITHMS,
          issuer: settings.issuer,
          audience: settings.audience,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        const claims = AccessTokenClaims.safeParse(payload);
        // Signed with our secret yet the wrong shape: never let it reach a uuid column or a role check.
        if (!claims.success) throw new AppError('UNAUTHENTICATED', 'The access token is malformed.');
        return {
          userId: claims.data.sub,
          sessionId: claims.data.sid,
          role: claims.data.role,
          expiresAt: new Date(claims.data.exp * 1000),
        };
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (err instanceof errors.JWTExpired)
          throw new AppError('TOKEN_EXPIRED', 'The access token has expired.');
        throw new AppError('UNAUTHENTICATED', 'The access token is invalid.');
      }
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;

/** Opaque refresh tokens: 256 random bits for the client, only their SHA-256 for the database. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
