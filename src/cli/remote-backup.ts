import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError } from '../server/http/errors.js';
import { verifyBackup } from '../server/features/system/backup.service.js';

/**
 * `wellseal backup --server`: the running server writes the backup from one snapshot and streams it
 * here. The file is read through before it takes its real name, so a download cut short never
 * passes for a backup.
 */
export async function backupFromServer(server: string, token: string | undefined, file: string): Promise<{ tables: number; rows: number }> {
  if (!token) throw new AppError(400, 'need_token', '请用 --token 或环境变量 WELLSEAL_TOKEN 提供市封停办用户的接口令牌（在“接口令牌”页面创建）');
  let res: Response;
  try {
    res = await fetch(new URL('/api/system/backup', server), { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new AppError(400, 'server_unreachable', `无法连接服务 ${server}：${(err as Error).message}`);
  }
  if (res.status !== 200 || !res.body) {
    const message = await res.json().then((j: { message?: string }) => j.message, () => undefined);
    throw new AppError(res.status, 'backup_refused', `服务拒绝备份（${res.status}）：${message ?? res.statusText}`);
  }
  const tmp = `${file}.partial`;
  try {
    await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), fs.createWriteStream(tmp));
    const checked = await verifyBackup(tmp);
    fs.renameSync(tmp, file);
    return checked;
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError(502, 'backup_cut', `备份下载中断，未生成备份文件：${(err as Error).message}`);
  }
}
