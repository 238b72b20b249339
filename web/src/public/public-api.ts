import type { z } from 'zod';
import type { PublicFormView, PublicTipBody, PublicTipCreated, PublicTipStatus } from '@server/features/tips/tips.schema';
import { apiRequest } from '../lib/api-client';

/**
 * The no-login API behind the public pages. No session, no CSRF token: a form token (when the
 * form was opened, signed) and a per-browser limit stand in for them.
 */
export type PublicForm = z.infer<typeof PublicFormView>;
export type PublicTipInput = z.input<typeof PublicTipBody>;
export type PublicTipReceipt = z.infer<typeof PublicTipCreated>;
export type PublicTipState = z.infer<typeof PublicTipStatus>;

export const fetchPublicForm = () => apiRequest<PublicForm>('GET', '/api/public/tips/form', { quiet401: true });

/** The form token travels in a header: the server checks it before it reads the body. */
export const submitPublicTip = (body: PublicTipInput, formToken: string) =>
  apiRequest<PublicTipReceipt>('POST', '/api/public/tips', { body, quiet401: true, headers: { 'x-form-token': formToken } });

export const fetchPublicStatus = (code: string, signal?: AbortSignal) =>
  apiRequest<PublicTipState>('GET', `/api/public/tips/${encodeURIComponent(code)}`, { quiet401: true, ...(signal ? { signal } : {}) });

/** Tracking codes are printed upper case (JB + 10 characters); people type them any way. */
export const normalizeCode = (s: string) => s.replace(/\s+/g, '').toUpperCase();
