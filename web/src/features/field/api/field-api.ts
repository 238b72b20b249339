import type { z } from 'zod';
import type { ConflictDetails, FieldBundle, FieldOp, OpAnswer, RecordConflictDetails } from '@server/features/field/field.schema';
import type { CardBody, CardView } from '@server/features/survey/survey.schema';
import type { MeResponse } from '@server/features/auth/auth.schema';

import { deviceTimeHeader } from '../../../lib/office-clock';

export type Bundle = FieldBundle;
export type Op = z.input<typeof FieldOp>;
export type Answer = z.infer<typeof OpAnswer>;
export type Conflict = z.infer<typeof ConflictDetails>;
/** 409 of a sealing step, inspection note or verification outcome: both states, as labelled fields */
export type RecordConflict = RecordConflictDetails;
export const isRecordConflict = (c: Conflict | RecordConflict | undefined): c is RecordConflict => !!c && 'target' in c;
export type Card = CardView;
export type CardData = z.input<typeof CardBody>;
export type Me = MeResponse['user'];

/** What a field request can end in: the phone decides from this whether to retry later. */
export type Outcome<T> =
  | { kind: 'ok'; value: T }
  /** no answer (offline, dropped, killed): the operation may or may not have been applied; retry with the same opId */
  | { kind: 'network' }
  | { kind: 'unauthorized' }
  | { kind: 'conflict'; message: string; details: Conflict | RecordConflict }
  | { kind: 'refused'; status: number; message: string }
  /** the phone's clock is off: nothing was applied; kept and sent again once the clock is right */
  | { kind: 'clock'; message: string };

async function send<T>(method: 'GET' | 'POST', path: string, csrfToken: string, body?: unknown): Promise<Outcome<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' ? { 'x-csrf-token': csrfToken, ...deviceTimeHeader() } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return { kind: 'network' };
  }
  let payload: unknown = null;
  try {
    payload = await res.json();
  } catch {
    // a body cut off on the way counts as no answer
    if (res.ok) return { kind: 'network' };
  }
  if (res.ok) return { kind: 'ok', value: payload as T };
  const message = (payload as { message?: string } | null)?.message ?? `请求失败（HTTP ${res.status}）`;
  if (res.status === 401 || (res.status === 403 && (payload as { error?: string } | null)?.error === 'csrf')) return { kind: 'unauthorized' };
  if (res.status === 409 && (payload as { details?: unknown })?.details) return { kind: 'conflict', message, details: (payload as { details: Conflict | RecordConflict }).details };
  if (res.status >= 500 || res.status === 429) return { kind: 'network' };
  if (res.status === 400 && (payload as { error?: string } | null)?.error === 'clock_skew') return { kind: 'clock', message };
  return { kind: 'refused', status: res.status, message };
}

export const fetchSession = () => send<MeResponse>('GET', '/api/auth/me', '');
export const fetchBundle = () => send<Bundle>('GET', '/api/field/bundle', '');
export const sendOp = (op: Op, csrfToken: string) => send<Answer>('POST', '/api/field/ops', csrfToken, op);
