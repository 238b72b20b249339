import { ArrowLeftOutlined, DiffOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Input, Result, Row, Skeleton, Space, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/format';
import { errorMessageOf, showSuccess, showWarning } from '../../../ui/feedback';
import { useCan } from '../../auth/hooks/use-session';
import { useCampaigns } from '../../campaigns/hooks/use-campaigns';
import type { Bulletin, Section } from '../api/bulletins-api';
import { BulletinDownloads } from '../components/bulletin-downloads';
import { BulletinPreview } from '../components/bulletin-preview';
import { BulletinStateTag } from '../components/bulletin-tags';
import { CreateBulletinModal } from '../components/create-bulletin-modal';
import { SectionList, type CampaignChoice } from '../components/section-list';
import { useBulletin, useBulletinMutations, useSeries } from '../hooks/use-bulletins';
import '../bulletins.css';

const DAY = 'YYYY-MM-DD';
const SHOWN = 'YYYY年M月D日';

/** What the editor changes; saved as a whole with the version it was loaded at. */
type Draft = { issuedOn: string; asOf: string; sections: Section[]; correction: string };

const draftOf = (b: Bulletin): Draft => ({ issuedOn: b.issuedOn, asOf: b.asOf, sections: b.sections, correction: b.correction ?? '' });
const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/** Why the draft cannot be saved as it stands, or null. */
function problemOf(d: Draft, b: Bulletin): string | null {
  if (d.asOf > d.issuedOn) return '截止日期不能晚于简报日期';
  const state = new Map(b.articles.map((a) => [a.id, a.state]));
  const stale = d.sections.flatMap((s) => (s.kind === 'articles' ? s.articleIds : [])).filter((id) => state.get(id) !== 'approved');
  if (stale.length) return `有 ${stale.length} 篇稿件已刊用或不再是“已审核”状态，请先移出`;
  if (d.sections.some((s) => s.kind === 'table' && s.table === 'task' && !s.campaignId)) return '任务进度表须选择任务批次';
  if (b.correctsId !== null && !d.correction.trim()) return '更正须写明更正的内容';
  return null;
}

/** /bulletins/:bulletinId: a fresh editor for each issue. */
export function BulletinPage() {
  const id = Number(useParams().bulletinId);
  return <BulletinScreen key={id} id={id} />;
}

/**
 * One issue. A draft: the editor (dates, the sections in order, the articles of each column) beside
 * the page as it will print, saved on 保存 and frozen on 印发. An issued one: who issued it and when,
 * its frozen page, and 印发更正 to correct it in a new issue.
 */
function BulletinScreen({ id }: { id: number }) {
  const can = useCan();
  const manager = can('bulletins.manage');
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const { data: b, error, isPending } = useBulletin(id);
  const series = useSeries();
  const campaigns = useCampaigns(manager && b?.state === 'draft');
  const { update, issue } = useBulletinMutations();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [correcting, setCorrecting] = useState(false);

  // the saved issue when it loads, and again after a save or a reload brought a newer version
  useEffect(() => {
    if (b) setDraft(draftOf(b));
  }, [b?.id, b?.version]);

  const editable = manager && b?.state === 'draft';
  const dirty = !!(b && draft && editable && !sameDraft(draft, draftOf(b)));
  const problem = draft && b ? problemOf(draft, b) : null;

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '有未保存的修改',
      content: '离开后本次对简报的修改将丢失。',
      okText: '放弃修改并离开',
      cancelText: '留在本页',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker.state]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onConflict = (err: unknown) => {
    // the query client reloads every query on a conflict; the effect above then takes the new version
    if (err instanceof ApiError && err.isConflict) showWarning('这期简报已被他人修改，已重新加载最新内容，请核对后再操作', 'bulletin-conflict');
  };

  const save = async (): Promise<Bulletin | null> => {
    if (!b || !draft) return null;
    try {
      const saved = await update.mutateAsync({
        id: b.id,
        body: { issuedOn: draft.issuedOn, asOf: draft.asOf, sections: draft.sections, ...(b.correctsId ? { correction: draft.correction.trim() } : {}), version: b.version },
      });
      return saved;
    } catch (err) {
      onConflict(err);
      return null;
    }
  };

  const confirmIssue = () => {
    if (!b) return;
    modal.confirm({
      title: `印发${b.series}第 ${b.number} 期？`,
      content: (
        <>
          <p style={{ margin: 0 }}>印发后内容冻结，不能再修改；如有错误只能印发一期更正。</p>
          {dirty && <p style={{ margin: '8px 0 0' }}>未保存的修改将先保存再印发。</p>}
        </>
      ),
      okText: '确定印发',
      cancelText: '取消',
      onOk: async () => {
        issue.reset();
        let version = b.version;
        if (dirty) {
          const saved = await save();
          if (!saved) return;
          version = saved.version;
        }
        try {
          const issued = await issue.mutateAsync({ id: b.id, version });
          showSuccess(`已印发${issued.series}第 ${issued.number} 期`);
        } catch (err) {
          onConflict(err);
        }
      },
    });
  };

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="简报不存在或无权查看" extra={<Button onClick={() => navigate('/bulletins')}>返回工作简报</Button>} />;
  }

  const mutationError = update.error ?? issue.error;
  const shownError = mutationError && !(mutationError instanceof ApiError && mutationError.isConflict) ? mutationError : null;

  return (
    <div data-testid="bulletin-page">
      <div className="ws-page-header">
        <div className="ws-grid-head__main">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(b ? `/bulletins?series=${b.seriesId}` : '/bulletins')} aria-label="返回" className="ws-grid-head__back" />
          <div>
            <Space size={8} align="center" wrap>
              <Typography.Title level={4} className="ws-page-header__title" style={{ margin: 0 }}>
                {b ? `${b.series} 第 ${b.number} 期` : '工作简报'}
              </Typography.Title>
              {b && <BulletinStateTag state={b.state} />}
            </Space>
            <div>
              <Typography.Text type="secondary">
                {b
                  ? b.state === 'issued'
                    ? `${formatDate(b.issuedOn)} · 统计截至 ${formatDate(b.asOf)} · ${b.issuedBy ?? ''} 印发于 ${formatDateTime(b.issuedAt)}`
                    : `草稿 · 保存后右侧预览更新；印发后内容冻结`
                  : ' '}
              </Typography.Text>
            </div>
          </div>
        </div>
        <div className="ws-page-header__extra">
          {b && editable && (
            <Space wrap>
              <Button icon={<SaveOutlined />} type={dirty ? 'primary' : 'default'} disabled={!dirty || !!problem} loading={update.isPending} onClick={() => void save().then((s) => s && showSuccess('已保存'))} data-testid="bulletin-save">
                保存
              </Button>
              <Button icon={<SendOutlined />} disabled={!!problem} loading={issue.isPending} onClick={confirmIssue} data-testid="bulletin-issue">
                印发
              </Button>
            </Space>
          )}
          {b && manager && b.state === 'issued' && (
            <Button icon={<DiffOutlined />} onClick={() => setCorrecting(true)} data-testid="bulletin-correct">
              印发更正
            </Button>
          )}
        </div>
      </div>

      {error && !(error instanceof ApiError && error.status === 404) && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}
      {shownError && <Alert type="error" showIcon closable title={errorMessageOf(shownError)} style={{ marginBottom: 16 }} data-testid="bulletin-error" />}

      {isPending || !b || !draft ? (
        <Card className="ws-card">
          <Skeleton active paragraph={{ rows: 12 }} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10} xxl={9}>
            {editable ? (
              <DraftEditor bulletin={b} draft={draft} onChange={setDraft} problem={problem} campaigns={campaigns.data ?? []} disabled={update.isPending || issue.isPending} />
            ) : (
              <IssuedFacts bulletin={b} />
            )}
          </Col>
          <Col xs={24} xl={14} xxl={15}>
            <Card
              className="ws-card"
              title="预览"
              extra={dirty ? <Typography.Text type="warning">有未保存的修改，保存后预览更新</Typography.Text> : null}
              styles={{ body: { padding: 0 } }}
            >
              <div className="ws-bul-preview-bar">
                <BulletinDownloads id={b.id} dirty={dirty} />
              </div>
              <BulletinPreview id={b.id} version={b.version} title={`${b.series}第 ${b.number} 期`} />
            </Card>
          </Col>
        </Row>
      )}

      {b && manager && b.state === 'issued' && (
        <CreateBulletinModal open={correcting} onClose={() => setCorrecting(false)} series={series.data ?? []} seriesId={b.seriesId} corrects={b} />
      )}
    </div>
  );
}

function DraftEditor({
  bulletin,
  draft,
  onChange,
  problem,
  campaigns,
  disabled,
}: {
  bulletin: Bulletin;
  draft: Draft;
  onChange: (d: Draft) => void;
  problem: string | null;
  campaigns: CampaignChoice[];
  disabled: boolean;
}) {
  const pickDay = (d: Dayjs | null) => (d ? d.format(DAY) : null);
  return (
    <Card className="ws-card" title="编排" styles={{ body: { paddingTop: 12 } }}>
      <div className="ws-bul-dates">
        <label className="ws-bul-field">
          <span className="ws-bul-field__label">简报日期</span>
          <DatePicker
            allowClear={false}
            inputReadOnly
            format={SHOWN}
            value={dayjs(draft.issuedOn, DAY)}
            disabled={disabled}
            onChange={(d) => {
              const issuedOn = pickDay(d);
              if (issuedOn) onChange({ ...draft, issuedOn });
            }}
            style={{ width: 160 }}
            data-testid="bulletin-issued-on"
          />
        </label>
        <label className="ws-bul-field">
          <span className="ws-bul-field__label">统计截止日期</span>
          <DatePicker
            allowClear={false}
            inputReadOnly
            format={SHOWN}
            value={dayjs(draft.asOf, DAY)}
            status={draft.asOf > draft.issuedOn ? 'error' : undefined}
            disabled={disabled}
            disabledDate={(d: Dayjs) => d.format(DAY) > draft.issuedOn}
            onChange={(d) => {
              const asOf = pickDay(d);
              if (asOf) onChange({ ...draft, asOf });
            }}
            style={{ width: 160 }}
            data-testid="bulletin-as-of"
          />
        </label>
      </div>
      <Typography.Text type="secondary" className="ws-bul-hint" style={{ display: 'block', marginBottom: 12 }}>
        统计表按截止日期统计；可选稿件为截止日期前 60 天内审核通过、尚未刊用的稿件。
      </Typography.Text>

      {bulletin.correctsId !== null && (
        <div style={{ marginBottom: 12 }}>
          <span className="ws-bul-field__label">更正说明</span>
          <Input.TextArea
            value={draft.correction}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            status={draft.correction.trim() ? undefined : 'error'}
            disabled={disabled}
            onChange={(e) => onChange({ ...draft, correction: e.target.value })}
            data-testid="bulletin-correction"
          />
          {bulletin.content.corrects && (
            <Typography.Text type="secondary" className="ws-bul-hint">
              印在版头下：{bulletin.content.corrects.slice(0, bulletin.content.corrects.indexOf('：') + 1)}
              {draft.correction.trim()}
            </Typography.Text>
          )}
        </div>
      )}

      {problem && <Alert type="warning" showIcon title={problem} style={{ marginBottom: 12 }} />}

      <SectionList sections={draft.sections} articles={bulletin.articles} campaigns={campaigns} disabled={disabled} onChange={(sections) => onChange({ ...draft, sections })} />
    </Card>
  );
}

/** An issued issue's record: who issued it and when, what it corrects, its contents list. */
function IssuedFacts({ bulletin: b }: { bulletin: Bulletin }) {
  const c = b.content;
  return (
    <Card className="ws-card" title={b.state === 'issued' ? '印发信息' : '简报信息'}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'date', label: '简报日期', children: formatDate(b.issuedOn) },
          { key: 'asOf', label: '统计截止日期', children: formatDate(b.asOf) },
          { key: 'by', label: '印发人', children: b.issuedBy ?? '—' },
          { key: 'at', label: '印发时间', children: formatDateTime(b.issuedAt) },
          ...(c.corrects ? [{ key: 'corrects', label: '更正', children: c.corrects }] : []),
        ]}
        data-testid="bulletin-issued-facts"
      />
      {b.state === 'draft' && <Alert type="info" showIcon title="草稿由市封停办编排，印发后内容冻结" style={{ marginTop: 12 }} />}
      {c.contents.length > 0 && (
        <div className="ws-bul-contents">
          <div className="ws-bul-contents__title">本期导读</div>
          {c.contents.map((g, i) => (
            <div key={i} className="ws-bul-contents__group">
              {g.group && <div className="ws-bul-contents__name">{g.group}</div>}
              <ol>
                {g.items.map((item, k) => (
                  <li key={k}>{item}</li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
