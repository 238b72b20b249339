import { FileSearchOutlined, FormOutlined } from '@ant-design/icons';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { BrandMark, OFFICE_NAME } from '../ui/brand';
import './public.css';

export const CAMPAIGN_NAME = '中心城区自备井专项整治“飓风”行动';

type Props = { active: 'report' | 'status'; title: string; children: ReactNode };

/**
 * The frame of the public pages (no login, no app shell): phone first, the campaign's name,
 * two tabs — report a well, follow a report.
 */
export function PublicLayout({ active, title, children }: Props) {
  useEffect(() => {
    const before = document.title;
    document.title = `${title} · ${CAMPAIGN_NAME}`;
    return () => {
      document.title = before;
    };
  }, [title]);

  return (
    <div className="ws-public">
      <header className="ws-public__head">
        <div className="ws-public__brand">
          <BrandMark size={40} />
          <div>
            <div className="ws-public__campaign">{CAMPAIGN_NAME}</div>
            <div className="ws-public__slogan">封停违规自备井 · 置换南水北调水源</div>
          </div>
        </div>
        <nav className="ws-public__tabs" aria-label="举报服务">
          <Link to="/tip" className={`ws-public__tab${active === 'report' ? ' ws-public__tab--active' : ''}`} aria-current={active === 'report' ? 'page' : undefined}>
            <FormOutlined /> 我要举报
          </Link>
          <Link to="/tip/status" className={`ws-public__tab${active === 'status' ? ' ws-public__tab--active' : ''}`} aria-current={active === 'status' ? 'page' : undefined}>
            <FileSearchOutlined /> 查询进度
          </Link>
        </nav>
      </header>
      <main className="ws-public__main">{children}</main>
      <footer className="ws-public__foot">
        <div>{OFFICE_NAME}</div>
        <div>情况紧急或不便网上举报的，请拨打 12345 政务服务便民热线</div>
      </footer>
    </div>
  );
}
