import { openFieldDb, readMeta, unsentFieldWork, type UnsentWork } from './field-db';
import { storeFor, type FieldStore } from './field-store';

/**
 * 先同步 before logging out: the queue is sent now (by the field page's own store when it is open,
 * so that two stores never send the same queue). Answers what is still unsent and why.
 */
export async function syncBeforeLogout(userId: number, running: FieldStore | null): Promise<{ left: UnsentWork; message: string | null }> {
  let store = running;
  const own = store ? null : await openFieldDb(userId);
  try {
    if (own) store = await storeFor(own, (await readMeta(own)).session?.csrfToken ?? '');
    await store!.sync();
    return { left: await unsentFieldWork(userId), message: store!.getState().message };
  } finally {
    own?.close();
  }
}
