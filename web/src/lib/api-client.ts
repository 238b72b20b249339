/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie,
 * the CSRF token on every write, and errors turned into `ApiError` with the server's
 * Chinese message.
 */

import { deviceTimeHeader } from './office-clock';

export type RowError = { row: number; column: string; message: string };

export type ApiErrorBody = { error: string; message: string; details?: unknown };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isConflict(): boolean {
    return this.status === 409;
  }

  /** Bad rows of an import (422 invalid_rows), or an empty list. */
  get rowErrors(): RowError[] {
    if (this.status !== 422 || !isRecord(this.details)) return [];
    const rows = this.details['rowErrors'];
    return Array.isArray(rows) ? rows.filter(isRowError) : [];
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRowError(v: unknown): v is RowError {
  return isRecord(v) && typeof v['row'] === 'number' && typeof v['message'] === 'string';
}

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

/** Remembers the token from the latest /api/auth/me or login answer. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** The token for a write sent outside `apiRequest` (a raw file upload by XMLHttpRequest). */
export function currentCsrfToken(): string {
  return csrfToken;
}

/** Called once by the session provider: what to do when the session has ended. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** do not call the unauthorized handler on 401 (the login form and the session probe) */
  quiet401?: boolean;
  /** extra request headers (the public form's token) */
  headers?: Record<string, string>;
};

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function headersFor(method: Method, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return method === 'GET' ? headers : { ...headers, ...deviceTimeHeader() };
}

function errorFrom(status: number, payload: unknown): ApiError {
  if (isRecord(payload) && typeof payload['message'] === 'string') {
    const code = typeof payload['error'] === 'string' ? payload['error'] : 'error';
    return new ApiError(status, code, payload['message'], payload['details']);
  }
  if (status === 502 || status === 503 || status === 504) return new ApiError(status, 'unavailable', '服务器暂时无法访问，请稍后重试');
  return new ApiError(status, 'error', `请求失败（HTTP ${status}）`);
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function fail(status: number, payload: unknown, quiet401: boolean | undefined): never {
  const err = errorFrom(status, payload);
  if (status === 401 && !quiet401) onUnauthorized?.();
  throw err;
}

export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const hasBody = options.body !== undefined;
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: { ...headersFor(method, hasBody), ...options.headers },
      body: hasBody ? JSON.stringify(options.body) : null,
      signal: options.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const payload = parseJson(await res.text());
  if (!res.ok) fail(res.status, payload, options.quiet401);
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};

export type UploadProgress = { loaded: number; total: number };

/**
 * A JSON POST sent with XMLHttpRequest, because fetch cannot report upload progress.
 * Same headers, same errors as `apiRequest`.
 */
export function apiPostWithProgress<T>(path: string, body: unknown, onUpload: (p: UploadProgress) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = false; // same-origin: cookies go anyway
    for (const [k, v] of Object.entries(headersFor('POST', true))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onUpload({ loaded: e.loaded, total: e.total });
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'));
    xhr.onload = () => {
      const payload = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else {
        try {
          fail(xhr.status, payload, false);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }
    };
    xhr.send(JSON.stringify(body));
  });
}
