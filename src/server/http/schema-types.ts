/**
 * Request field types shared by every feature: what a day and a search text are. A value that does
 * not fit is a 400 with a Chinese message naming the field (app.ts's error handler), never a 500
 * from the database.
 */
import { z } from 'zod';
import { parseDay } from '../../domain/shared/dates.js';

/** A calendar day, YYYY-MM-DD, that exists (2024-02-30 and 2024-13-45 do not). */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((v) => parseDay(v) === v, '不是有效的日期');

/** Search text as typed into a search box: no control characters (a NUL byte cannot be searched for). */
export const searchText = (max: number) =>
  z
    .string()
    .max(max, `搜索内容不能超过 ${max} 个字`)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), '搜索内容含有无法识别的控制字符');
