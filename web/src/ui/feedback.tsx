import { App } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../lib/api-client';
import { RowErrorsTable } from './row-errors-table';

type Feedback = Pick<ReturnType<typeof App.useApp>, 'message' | 'notification' | 'modal'>;

let feedback: Feedback | null = null;

/** Hands antd's themed message/notification/modal to code outside React (the query cache). */
export function FeedbackBridge() {
  const app = App.useApp();
  useEffect(() => {
    feedback = { message: app.message, notification: app.notification, modal: app.modal };
    return () => {
      feedback = null;
    };
  }, [app]);
  return null;
}

export function errorMessageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后重试';
}

/** Shows a server error the way users expect: bad rows as a table, conflicts as a warning, the rest as a message. */
export function showApiError(err: unknown): void {
  if (!feedback) return;
  if (err instanceof ApiError) {
    const rows = err.rowErrors;
    if (rows.length) {
      feedback.modal.error({
        title: err.message,
        width: 720,
        content: <RowErrorsTable errors={rows} />,
        okText: '知道了',
      });
      return;
    }
    if (err.isConflict) {
      feedback.notification.warning({ title: err.message, description: '页面已重新加载最新数据，请核对后再操作。', duration: 6 });
      return;
    }
    if (err.status === 401) {
      feedback.message.warning({ content: err.message, key: 'session-ended' });
      return;
    }
  }
  feedback.message.error(errorMessageOf(err));
}

export function showWarning(text: string, key?: string): void {
  feedback?.message.warning(key ? { content: text, key } : text);
}

export function showSuccess(text: string): void {
  feedback?.message.success(text);
}
