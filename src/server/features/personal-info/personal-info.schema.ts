import { z } from 'zod';

/** The personal-information fields that lists, details and exports show masked, and who may reveal them. */
export const REVEALABLE = {
  card: ['contactPhone'],
  case: ['partyContact', 'facts'],
  user: ['phone'],
} as const;
export type RevealKind = keyof typeof REVEALABLE;

export const RevealBody = z
  .object({
    kind: z.enum(['card', 'case', 'user'], { error: '记录类型应为 card、case 或 user' }),
    id: z.number({ error: '请给出记录编号' }).int().positive(),
    field: z.string({ error: '请给出字段' }).min(1).max(40),
  })
  .refine((b) => (REVEALABLE[b.kind] as readonly string[]).includes(b.field), { message: '该字段不能查看完整内容', path: ['field'] });
export type RevealBody = z.infer<typeof RevealBody>;

export const RevealView = z.object({ kind: z.enum(['card', 'case', 'user']), id: z.number(), field: z.string(), value: z.string().nullable() });
export type RevealView = z.infer<typeof RevealView>;
