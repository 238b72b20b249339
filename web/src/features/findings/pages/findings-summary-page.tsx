import { CopyOutlined, EditOutlined, ReloadOutlined, SaveOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Collapse, Input, Popconfirm, Result, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../../lib/format';
import { errorMessageOf, showSuccess, showWarning } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useCan } from '../../auth/hooks/use-session';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import type { Summary } from '../api/findings-api';
import { useFindingsSummary, useSaveSummary } from '../hooks/use-findings';
import '../findings.css';
import { isAfterToday, officeToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';

/** Quick week ends: the weekly bulletin is cut off on Fridays (第12期: 2024年1月12日). */
function quickDays(): { label: string; day: string }[] {
  const today = todayValue();
  const lastFriday = today.subtract((today.day() + 2) % 7 || 7, 'day');
  return [
    { label: '今天', day: today.format(DAY) },
    { label: '上周五', day: lastFriday.format(DAY) },
  ];
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // plain http or an old browser: the selection way
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** The summary as written from the records: the opening sentence, then （一）卧龙区 … per district. */
function GeneratedText({ summary }: { summary: Summary }) {
  const intro = summary.intro;
  return (
    <div className="ws-fd-summary" data-testid="summary-generated">
      <p>{intro}</p>
      {summary.paragraphs.map((p) => (
        <p key={p.heading}>
          <span className="ws-fd-summary__heading">{p.heading}</span> {p.body}
        </p>
      ))}
    </div>
  );
}

function SummaryEditor({ summary, weekEnd, unitId, canEdit }: { summary: Summary; weekEnd: string; unitId: number | undefined; canEdit: boolean }) {
  const save = useSaveSummary();
  // null: untouched, shows the current text (and follows it when the records change)
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? summary.text;
  const dirty = draft !== null && draft !== summary.text;
  const edited = summary.edited;

  const send = (text: string, done: string) =>
    save.mutate(
      { weekEnd, ...(unitId ? { unitId } : {}), text, version: edited ? edited.version : null },
      {
        onSuccess: () => {
          setDraft(null);
          showSuccess(done);
        },
      },
    );

  const copy = async () => {
    if (await copyText(value)) showSuccess('已复制到剪贴板');
    else showWarning('无法复制，请手动选择文字复制');
  };

  return (
    <Card
      className="ws-card"
      title={
        <Space size={8} wrap>
          <EditOutlined />
          用于简报的文字
          {edited ? <Tag color="blue">已修改</Tag> : <Tag>自动生成</Tag>}
        </Space>
      }
      extra={
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="summary-copy">
          复制
        </Button>
      }
    >
      {edited && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }} data-testid="summary-edited-by">
          {edited.editedBy} 于 {formatDateTime(edited.updatedAt)} 修改；记录本身不受影响，自动生成的内容保留在左侧。
        </Typography.Paragraph>
      )}
      {edited?.stale && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 12 }}
          title="修改之后记录有变化"
          description="按最新记录自动生成的内容与修改时不同（有问题新增、删除或改动），请核对修改稿是否需要更新，或恢复为自动生成。"
          data-testid="summary-stale"
        />
      )}
      {edited?.stale && (
        <Collapse
          size="small"
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'then',
              label: '修改时的自动生成内容',
              children: <div className="ws-fd-summary" style={{ fontSize: 14, whiteSpace: 'pre-wrap' }}>{edited.generatedText}</div>,
            },
          ]}
        />
      )}
      {save.isError && <Alert type="error" showIcon title={errorMessageOf(save.error)} style={{ marginBottom: 12 }} />}
      <Input.TextArea
        className="ws-fd-summary-editor"
        value={value}
        onChange={(e) => setDraft(e.target.value)}
        autoSize={{ minRows: 10, maxRows: 30 }}
        maxLength={20_000}
        readOnly={!canEdit}
        data-testid="summary-editor"
      />
      {canEdit && (
        <div className="ws-drawer-footer" style={{ marginTop: 12, flexWrap: 'wrap' }}>
          {dirty && (
            <Button onClick={() => setDraft(null)} disabled={save.isPending}>
              放弃修改
            </Button>
          )}
          <Popconfirm
            title="恢复为自动生成的内容？"
            description="将用按最新记录自动生成的文字替换当前修改稿。"
            okText="恢复"
            cancelText="取消"
            onConfirm={() => (edited ? send(summary.generated, '已恢复为自动生成的内容') : setDraft(null))}
            disabled={!edited && !dirty}
          >
            <Button icon={<ReloadOutlined />} disabled={(!edited && !dirty) || save.isPending} data-testid="summary-restore">
              恢复为自动生成
            </Button>
          </Popconfirm>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={save.isPending}
            disabled={!dirty || !value.trim()}
            onClick={() => send(value, '汇总修改已保存')}
            data-testid="summary-save"
          >
            保存修改
          </Button>
        </div>
      )}
    </Card>
  );
}

/** 一周问题汇总: the bulletin's findings section for a week, written from the records and editable by the office. */
export function FindingsSummaryPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const today = officeToday();
  const weekParam = params.get('weekEnd');
  const weekEnd = weekParam && dayjs(weekParam, DAY, true).isValid() ? weekParam : today;
  const unitId = Number(params.get('unit')) || undefined;
  const { data: units } = useOrgUnits(false);
  const offices = useMemo(() => (units ?? []).filter((u) => u.level === 'city' || u.level === 'district'), [units]);
  // the summary is a city or district office's; a street office has none of its own
  const noOffice = units !== undefined && offices.length === 0;
  const { data, isFetching, error } = useFindingsSummary(weekEnd, unitId, units !== undefined && !noOffice);

  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v === undefined) p.delete(k);
    else p.set(k, v);
    setParams(p, { replace: true });
  };
  const setWeekEnd = (day: string) => set('weekEnd', day === today ? undefined : day);

  if (noOffice) {
    return (
      <>
        <PageHeader title="一周问题汇总" />
        <Card className="ws-card">
          <Result status="info" title="一周问题汇总按市或区生成" subTitle="本单位的问题及整改情况请在“问题整改”中查看。" />
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader title="一周问题汇总" description="按周汇总督导发现的问题，按区分段，用于工作简报；可在自动生成的基础上修改" />
      <Card className="ws-card" styles={{ body: { padding: '14px 20px' } }} style={{ marginBottom: 16 }}>
        <div className="ws-fd-week">
          <Typography.Text strong>周截止日期</Typography.Text>
          <DatePicker
            allowClear={false}
            inputReadOnly
            value={dayjs(weekEnd, DAY)}
            disabledDate={(d: Dayjs) => isAfterToday(d)}
            onChange={(d) => d && setWeekEnd(d.format(DAY))}
            format="YYYY年M月D日"
            style={{ width: 160 }}
            data-testid="summary-week-end"
          />
          {quickDays().map((q) => (
            <Button key={q.label} size="small" type={q.day === weekEnd ? 'primary' : 'default'} ghost={q.day === weekEnd} onClick={() => setWeekEnd(q.day)}>
              {q.label}
            </Button>
          ))}
          {offices.length > 1 && (
            <Select<number>
              placeholder="本单位"
              allowClear
              value={unitId}
              onChange={(v) => set('unit', v ? String(v) : undefined)}
              options={offices.map((u) => ({ value: u.id, label: u.level === 'city' ? `${u.name}（全市）` : u.name }))}
              style={{ minWidth: 150 }}
              data-testid="summary-unit"
            />
          )}
          {data && (
            <Typography.Text type="secondary" data-testid="summary-range">
              {data.unit} · {formatDate(data.from)} — {formatDate(data.to)}
            </Typography.Text>
          )}
        </div>
      </Card>

      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}

      {!data ? (
        <Card className="ws-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card
              className="ws-card"
              title="按记录自动生成"
              extra={isFetching ? <Typography.Text type="secondary">更新中…</Typography.Text> : null}
              style={{ marginBottom: 16 }}
            >
              <GeneratedText summary={data} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <SummaryEditor
              key={`${data.unitId}|${data.to}|${data.edited?.version ?? 0}`}
              summary={data}
              weekEnd={weekEnd}
              unitId={unitId}
              canEdit={can('findings.raise')}
            />
          </Col>
        </Row>
      )}
    </>
  );
}
