import { z } from 'zod';
import { Role } from './users.ts';

/** Every admin action records why it was taken. */
export const Reason = z.string().trim().min(3, 'must say why (at least 3 characters)').max(500);

export const AdminReasonBody = z.object({ reason: Reason }).strict();
export type AdminReasonBody = z.infer<typeof AdminReasonBody>;

export const AdminRoleBody = z.object({ role: Role, reason: Reason }).strict();
export type AdminRoleBody = z.infer<typeof AdminRoleBody>;

export const AdminBanBody = AdminReasonBody;
export type AdminBanBody = AdminReasonBody;
