import { z } from 'zod';
import { ROLES } from '../../../domain/shared/roles.js';

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});

export const GrantView = z.object({
  role: z.enum(ROLES),
  orgUnitId: z.number(),
  orgName: z.string(),
  orgLevel: z.string(),
});

export const MeResponse = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
    grants: z.array(GrantView),
    capabilities: z.array(z.string()),
  }),
  csrfToken: z.string(),
  /** the office's time zone and clock: the web app's "today" and its default dates */
  office: z.object({ timeZone: z.string(), now: z.string() }),
});
export type MeResponse = z.infer<typeof MeResponse>;
