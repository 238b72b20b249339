import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Form, Input, List, Modal, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { SURVEY_EVENT_LABELS, type SurveyEventKind } from '@domain/survey/survey-state';
import { formatDate } from '../../../lib/format';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { GridDetail } from '../api/survey-api';
import { useGridEvent } from '../hooks/use-survey';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

type Values = { onDate?: Dayjs; reason?: string };

/** The last dated event: a new one may not be dated before it. */
function lastEventDay(grid: GridDetail): string | null {
  return grid.events.map((e) => e.onDate).sort().at(-1) ?? null;
}

/**
 * Start, complete or reopen a grid's survey. Completing shows the checklist and stays disabled
 * until every item passes; reopening needs a reason. The date defaults to today.
 */
export function GridEventModal({ grid, event, onClose }: { grid: GridDetail; event: SurveyEventKind | null; onClose: () => void }) {
  // a fresh form and request state each time the dialog opens
  return event ? <GridEventDialog key={event} grid={grid} event={event} onClose={onClose} /> : null;
}

function GridEventDialog({ grid, event, onClose }: { grid: GridDetail; event: SurveyEventKind; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const mutation = useGridEvent(grid.gridId);
  const earliest = lastEventDay(grid);
  const allPass = grid.checklist.every((i) => i.ok);
  const blocked = event === 'complete' && !(allPass && grid.canComplete);

  const submit = (v: Values) => {
    const body = { ...(v.onDate ? { onDate: v.onDate.format('YYYY-MM-DD') } : {}), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) };
    mutation.mutate(
      { event, body },
      {
        onSuccess: () => {
          showSuccess(`“${grid.name}”已${SURVEY_EVENT_LABELS[event]}`);
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={`${SURVEY_EVENT_LABELS[event]} · ${grid.name}`}
      okText={event === 'complete' ? '确认完成排查' : SURVEY_EVENT_LABELS[event]}
      okButtonProps={{ disabled: blocked, danger: event === 'reopen' }}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={event === 'complete' ? 620 : 480}
    >
      {event === 'complete' && (
        <>
          <Typography.Paragraph type="secondary">完成排查前须满足以下条件。完成后，网格用水汇总和自备井汇总由一户一卡自动生成并存档。</Typography.Paragraph>
          <List
            size="small"
            bordered
            dataSource={grid.checklist}
            style={{ marginBottom: 12 }}
            renderItem={(item) => (
              <List.Item>
                <div className="ws-check">
                  {item.ok ? <CheckCircleFilled className="ws-check__ok" aria-label="通过" /> : <CloseCircleFilled className="ws-check__fail" aria-label="未通过" />}
                  <div>
                    <div className="ws-check__label">{item.label}</div>
                    <Typography.Text type={item.ok ? 'secondary' : 'danger'} className="ws-check__detail">
                      {item.detail}
                    </Typography.Text>
                  </div>
                </div>
              </List.Item>
            )}
          />
          {blocked && <Alert type="error" showIcon title="检查项未全部通过，暂不能完成排查。请先补齐一户一卡和承诺书。" style={{ marginBottom: 12 }} />}
          {!blocked && grid.shops === 0 && (
            <Alert
              type="warning"
              showIcon
              title="本网格未登记沿街门店"
              description="督导发现多个网格未将沿街门店和城中村住户纳入一户一卡。请确认本网格确实没有沿街门店后再完成。"
              style={{ marginBottom: 12 }}
            />
          )}
          {!blocked && grid.summary.wellsDeclared === 0 && (
            <Alert
              type="info"
              showIcon
              title="本网格申报自备井 0 眼"
              description="上报“无自备井”前，请核对用水大户、单位和自来水用量偏低的用户。"
              style={{ marginBottom: 12 }}
            />
          )}
        </>
      )}
      {event === 'start' && <Typography.Paragraph type="secondary">登记第一张一户一卡时会自动开始排查；也可以在这里先行开始。</Typography.Paragraph>}
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={blocked} initialValues={{ onDate: todayValue() }}>
        <Form.Item name="onDate" label={`${SURVEY_EVENT_LABELS[event]}日期`} extra={earliest ? `不能早于上一次记录（${formatDate(earliest)}），不能晚于今天` : '不能晚于今天'}>
          <DatePicker
            allowClear={false}
            format="YYYY年M月D日"
            style={{ width: 200 }}
            disabledDate={(d: Dayjs) => isAfterToday(d) || (earliest !== null && d.isBefore(dayjs(earliest), 'day'))}
          />
        </Form.Item>
        {event === 'reopen' && (
          <Form.Item name="reason" label="重新打开原因" rules={[{ required: true, whitespace: true, message: '请填写重新打开的原因' }, { max: 500 }]}>
            <Input.TextArea rows={3} placeholder="如：督导发现沿街门店未纳入一户一卡登记，须补充排查" showCount maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
