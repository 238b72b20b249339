import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api-client';
import { showApiError } from '../ui/feedback';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** the component shows this mutation's errors itself (inline, in its form) */
      silentErrors?: boolean;
    };
  }
}

/**
 * One query client for the app. Errors are shown in one place: a conflict (409: someone else
 * changed the record) reloads every query so the user sees the current data before retrying.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
    queryCache: new QueryCache({
      onError: (err) => {
        if (err instanceof ApiError && err.status === 401) return; // the login page takes over
        showApiError(err);
      },
    }),
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        if (err instanceof ApiError && err.isConflict) {
          void client.invalidateQueries();
          if (!mutation.meta?.silentErrors) showApiError(err);
          return;
        }
        if (err instanceof ApiError && err.status === 401) return;
        if (!mutation.meta?.silentErrors) showApiError(err);
      },
    }),
  });
  return client;
}
