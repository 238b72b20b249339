import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** Title row of a page: what it is, one line on what it is for, and the page's actions. */
export function PageHeader({ title, description, extra }: { title: ReactNode; description?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="ws-page-header">
      <div>
        <Typography.Title level={4} className="ws-page-header__title">
          {title}
        </Typography.Title>
        {description && <Typography.Text type="secondary">{description}</Typography.Text>}
      </div>
      {extra && <div className="ws-page-header__extra">{extra}</div>}
    </div>
  );
}
