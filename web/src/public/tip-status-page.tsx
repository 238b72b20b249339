import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Skeleton, Steps, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { TIP_STATE_LABELS, TIP_STATES, type TipState } from '@domain/tip/workflow';
import { ApiError } from '../lib/api-client';
import { formatDate } from '../lib/format';
import { errorMessageOf } from '../ui/feedback';
import { fetchPublicStatus, normalizeCode, type PublicTipState } from './public-api';
import { PublicLayout } from './public-layout';

const STATE_COLORS: Record<TipState, string> = { received: 'default', assigned: 'processing', investigated: 'cyan', closed: 'success' };

/** The status of one tracking code, fetched when the code changes (no cache: the state may move any day). */
function usePublicStatus(code: string) {
  const [state, setState] = useState<{ code: string; data: PublicTipState | null; error: unknown }>({ code: '', data: null, error: null });
  useEffect(() => {
    if (!code) return;
    const ctl = new AbortController();
    setState({ code, data: null, error: null });
    fetchPublicStatus(code, ctl.signal).then(
      (data) => setState({ code, data, error: null }),
      (error: unknown) => {
        if (!ctl.signal.aborted) setState({ code, data: null, error });
      },
    );
    return () => ctl.abort();
  }, [code]);
  const current = state.code === code;
  return { data: current ? state.data : null, error: current ? state.error : null, loading: !!code && current && !state.data && !state.error };
}

function StatusCard({ status }: { status: PublicTipState }) {
  const at = TIP_STATES.indexOf(status.state);
  const dateOf = (s: TipState) => (s === 'received' ? status.receivedOn : s === 'closed' ? status.closedOn : null);
  return (
    <>
      <section className="ws-public-card" aria-live="polite">
        <div className="ws-public-status__head">
          <span className="ws-public-status__code">{status.trackingCode}</span>
          <Tag color={STATE_COLORS[status.state]} className="ws-public-state" data-testid="tip-state">
            {status.stateLabel}
          </Tag>
        </div>
        <Steps
          orientation="vertical"
          size="small"
          current={at}
          items={TIP_STATES.map((s, i) => {
            const date = i <= at ? dateOf(s) : null;
            return {
              key: s,
              status: i < at || (i === at && s === 'closed') ? ('finish' as const) : i === at ? ('process' as const) : ('wait' as const),
              title: TIP_STATE_LABELS[s],
              content: date ? <span className="ws-public-step-date">{formatDate(date)}</span> : undefined,
            };
          })}
        />
      </section>
      <section className="ws-public-card">
        <h2 className="ws-public-card__title">答复</h2>
        {status.reply ? (
          <div className="ws-public-reply" data-testid="tip-reply">
            {status.reply}
          </div>
        ) : (
          <div className="ws-public-wait">您的举报正在办理中，办结后将在这里显示答复，请过几天再来查询。</div>
        )}
      </section>
    </>
  );
}

/** 查询进度: a tracking code shows its tip's state, dates and reply — nothing else. */
export function TipStatusPage() {
  const [params, setParams] = useSearchParams();
  const code = normalizeCode(params.get('code') ?? '');
  const [input, setInput] = useState(code);
  const { data, error, loading } = usePublicStatus(code);

  useEffect(() => setInput(code), [code]);

  const search = () => {
    const next = normalizeCode(input);
    if (!next) return;
    setParams({ code: next }, { replace: false });
  };

  const notFound = error instanceof ApiError && error.status === 404;

  return (
    <PublicLayout active="status" title="查询进度">
      <section className="ws-public-card">
        <h1 className="ws-public-card__title">查询办理进度</h1>
        <p className="ws-public-intro">请输入提交举报后得到的查询码（以 JB 开头）。</p>
        <form
          className="ws-public-search"
          onSubmit={(e) => {
            e.preventDefault();
            search();
          }}
        >
          <Input
            size="large"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder="查询码，如 JB7K2M9Q4XHP"
            maxLength={20}
            allowClear
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-label="查询码"
            data-testid="status-code-input"
          />
          <Button size="large" type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading} data-testid="status-search">
            查询
          </Button>
        </form>
        {error !== null && (
          <Alert
            type={notFound ? 'warning' : 'error'}
            showIcon
            style={{ marginTop: 14 }}
            title={errorMessageOf(error)}
            description={notFound ? '查询码是提交举报后页面上显示的一串字母和数字，请逐位核对。' : undefined}
            data-testid="status-error"
          />
        )}
        {!code && (
          <p className="ws-public-note" style={{ textAlign: 'left' }}>
            还没有举报？<Link to="/tip">我要举报</Link>
          </p>
        )}
      </section>
      {loading && (
        <section className="ws-public-card">
          <Skeleton active paragraph={{ rows: 4 }} />
        </section>
      )}
      {data && <StatusCard status={data} />}
    </PublicLayout>
  );
}
