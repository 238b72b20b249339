import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { SESSION_KEY } from '../features/auth/hooks/use-session';
import { setUnauthorizedHandler } from '../lib/api-client';
import { FeedbackBridge, showWarning } from '../ui/feedback';
import { createQueryClient } from './query-client';
import { createRouter } from './routes';
import { THEME } from './theme';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);

  useEffect(() => {
    // the session ended (expired, signed out elsewhere, password reset): back to the login page
    setUnauthorizedHandler(() => {
      if (queryClient.getQueryData(SESSION_KEY)) showWarning('登录已失效，请重新登录', 'session-ended');
      queryClient.setQueryData(SESSION_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  return (
    <ConfigProvider locale={zhCN} theme={THEME}>
      <AntApp>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
