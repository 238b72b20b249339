import type { RowError } from '../../domain/org/org-import.js';

/** Errors a service may throw; the app turns each into a Chinese JSON answer. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = () => new AppError(404, 'not_found', '记录不存在或无权访问');
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = '无权执行此操作') => new AppError(403, 'forbidden', message);
export const conflict = (message = '数据已被他人修改，请刷新后重试') => new AppError(409, 'conflict', message);
export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const rowErrors = (errors: RowError[], message = '导入文件有错误，未导入任何数据') =>
  new AppError(422, 'invalid_rows', message, { rowErrors: errors });
