import { z } from 'zod';
import { ROLES } from '../../../domain/shared/roles.js';

export const GrantInput = z.object({ role: z.enum(ROLES), orgUnitId: z.number().int().positive() });

export const UserView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  grants: z.array(z.object({ role: z.enum(ROLES), orgUnitId: z.number(), orgName: z.string(), orgLevel: z.string() })),
});
export type UserView = z.infer<typeof UserView>;

const phone = z.string().trim().regex(/^[0-9-]{7,20}$/, '电话号码格式不正确');

export const CreateUserBody = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字或 _ . -'),
  displayName: z.string().trim().min(1, '请填写姓名').max(40),
  phone: phone.nullable().optional(),
  password: z.string().min(1, '请设置初始密码').max(128),
  grants: z.array(GrantInput).min(1, '至少授予一个角色'),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  version: z.number().int(),
  displayName: z.string().trim().min(1, '请填写姓名').max(40).optional(),
  phone: phone.nullable().optional(),
  grants: z.array(GrantInput).min(1, '至少授予一个角色').optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const VersionBody = z.object({ version: z.number().int() });
export const ResetPasswordBody = z.object({ version: z.number().int(), password: z.string().min(1).max(128) });

export const TokenView = z.object({
  id: z.number(),
  userId: z.number(),
  username: z.string(),
  name: z.string(),
  tokenPrefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});
export const CreateTokenBody = z.object({
  userId: z.number().int().positive(),
  name: z.string().trim().min(1, '请填写令牌用途').max(60),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(365),
});
export const CreatedTokenResponse = z.object({ token: z.string(), view: TokenView });
