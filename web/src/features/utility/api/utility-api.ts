import type { z } from 'zod';
import type { AccountImportResult, AccountList, ImportList, ImportView, OutcomeList } from '@server/features/utility/utility.schema';
import { ApiError, api, apiPostWithProgress, currentCsrfToken, type UploadProgress } from '../../../lib/api-client';

export type ReadingsImport = z.infer<typeof ImportView>;
export type ImportState = ReadingsImport['state'];
export type ImportRowError = ReadingsImport['errors'][number];
export type AccountImportOutcome = z.infer<typeof AccountImportResult>;
export type AccountsPage = z.infer<typeof AccountList>;
export type UtilityAccount = AccountsPage['items'][number];
export type MatchedBy = UtilityAccount['matchedBy'];
export type CheckOutcome = z.infer<typeof OutcomeList>['items'][number];

export type AccountsFilter = { q?: string; page: number; pageSize: number };

export const fetchImports = (signal?: AbortSignal) => api.get<z.infer<typeof ImportList>>('/api/utility/imports', undefined, signal);
export const fetchImport = (id: number, signal?: AbortSignal) => api.get<ReadingsImport>(`/api/utility/imports/${id}`, undefined, signal);
export const acceptImport = (id: number) => api.post<ReadingsImport>(`/api/utility/imports/${id}/accept`);
export const discardImport = (id: number) => api.post<ReadingsImport>(`/api/utility/imports/${id}/discard`);

export const fetchAccounts = (filter: AccountsFilter, signal?: AbortSignal) => api.get<AccountsPage>('/api/utility/accounts', filter, signal);
export const fetchOutcomes = (signal?: AbortSignal) => api.get<z.infer<typeof OutcomeList>>('/api/utility/outcomes', undefined, signal);

/** 用水户 sheet: a dry run first (dryRun true), then the real import; the whole sheet applies or none of it. */
export const importAccountsSheet = (input: { fileName: string; content: string; dryRun: boolean }, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<AccountImportOutcome>('/api/utility/accounts/import', input, onUpload);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A readings file (it may be hundreds of MB) sent as the raw request body, so that the server streams
 * it to disk: XMLHttpRequest, because fetch cannot report upload progress. The answer is the import,
 * usually still 'loading' — poll `fetchImport` for the rest.
 */
export async function uploadReadings(file: File, onUpload: (p: UploadProgress) => void): Promise<ReadingsImport> {
  const token = currentCsrfToken();
  return new Promise<ReadingsImport>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/utility/imports/readings?fileName=${encodeURIComponent(file.name)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onUpload({ loaded: e.loaded, total: e.total });
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', '上传已取消'));
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : null;
      } catch {
        payload = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(payload as ReadingsImport);
        return;
      }
      if (isRecord(payload) && typeof payload['message'] === 'string') {
        reject(new ApiError(xhr.status, typeof payload['error'] === 'string' ? payload['error'] : 'error', payload['message'], payload['details']));
      } else if (xhr.status === 413) {
        reject(new ApiError(413, 'too_large', '文件过大，服务器拒绝接收'));
      } else if (xhr.status === 502 || xhr.status === 503 || xhr.status === 504) {
        reject(new ApiError(xhr.status, 'unavailable', '服务器暂时无法访问，请稍后重试'));
      } else {
        reject(new ApiError(xhr.status, 'error', `上传失败（HTTP ${xhr.status}）`));
      }
    };
    xhr.send(file);
  });
}
