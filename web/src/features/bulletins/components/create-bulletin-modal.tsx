import { Alert, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { Bulletin, Series } from '../api/bulletins-api';
import { useBulletinMutations, useBulletins } from '../hooks/use-bulletins';
import { todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
const SHOWN = 'YYYY年M月D日';

type Values = { seriesId: number; issuedOn: Dayjs; asOf: Dayjs; number?: number | null; correctsId?: number | null; correction?: string };

/**
 * The weekly bulletin is cut off the day before it is dated (第12期: 1月14日, figures to 1月12日,
 * the Friday); a daily notice is as of its own day.
 */
const defaultAsOf = (issuedOn: Dayjs, series: Series | undefined) => (series?.campaignId ? issuedOn : issuedOn.subtract(1, 'day'));

/**
 * 新建一期, and 印发更正 when `corrects` is given: the new issue names the one it corrects and says
 * what was wrong. The server fills the sections (the week's approved articles and the tables).
 */
export function CreateBulletinModal({
  open,
  onClose,
  series,
  seriesId,
  corrects,
}: {
  open: boolean;
  onClose: () => void;
  series: Series[];
  seriesId: number | undefined;
  corrects?: Bulletin;
}) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { create } = useBulletinMutations();
  const chosenSeriesId = (Form.useWatch('seriesId', form) as number | undefined) ?? corrects?.seriesId ?? seriesId;
  const issuedOn = Form.useWatch('issuedOn', form) as Dayjs | undefined;
  const correctsId = Form.useWatch('correctsId', form) as number | null | undefined;
  const { data: issues } = useBulletins(open ? chosenSeriesId : undefined);
  const chosenSeries = series.find((s) => s.id === chosenSeriesId);
  const next = issues ? Math.max(0, ...issues.map((b) => b.number)) + 1 : null;
  const issued = (issues ?? []).filter((b) => b.state === 'issued');
  if (corrects && !issued.some((b) => b.id === corrects.id)) issued.push(corrects);

  const close = () => {
    form.resetFields();
    create.reset();
    onClose();
  };

  const submit = (v: Values) =>
    create.mutate(
      {
        seriesId: v.seriesId,
        issuedOn: v.issuedOn.format(DAY),
        asOf: v.asOf.format(DAY),
        ...(v.number ? { number: v.number } : {}),
        ...(v.correctsId ? { correctsId: v.correctsId, correction: (v.correction ?? '').trim() } : {}),
      },
      {
        onSuccess: (b) => {
          showSuccess(`已新建${b.series}第 ${b.number} 期（草稿）`);
          close();
          navigate(`/bulletins/${b.id}`);
        },
      },
    );

  const today = todayValue();
  const initialValues: Partial<Values> = {
    ...(chosenSeriesId !== undefined ? { seriesId: chosenSeriesId } : {}),
    issuedOn: today,
    asOf: defaultAsOf(today, chosenSeries),
    ...(corrects ? { correctsId: corrects.id } : {}),
  };

  return (
    <Modal
      open={open}
      title={corrects ? `印发更正 · 更正第 ${corrects.number} 期` : '新建一期'}
      okText="新建草稿"
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {create.isError && <Alert type="error" showIcon title={errorMessageOf(create.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={initialValues}
        onValuesChange={(changed: Partial<Values>, all) => {
          // the cut-off follows the date until the user picks one of their own
          if ((changed.issuedOn || changed.seriesId) && all.issuedOn && !form.isFieldTouched('asOf')) {
            form.setFieldValue('asOf', defaultAsOf(all.issuedOn, series.find((s) => s.id === all.seriesId)));
          }
        }}
      >
        <Form.Item name="seriesId" label="简报系列" rules={[{ required: true, message: '请选择简报系列' }]}>
          <Select<number> disabled={!!corrects} options={series.map((s) => ({ value: s.id, label: s.name }))} data-testid="bulletin-new-series" />
        </Form.Item>
        <div className="ws-bul-form-row">
          <Form.Item name="issuedOn" label="简报日期" rules={[{ required: true, message: '请选择简报日期' }]}>
            <DatePicker format={SHOWN} allowClear={false} inputReadOnly style={{ width: '100%' }} data-testid="bulletin-new-issued-on" />
          </Form.Item>
          <Form.Item
            name="asOf"
            label="统计截止日期"
            dependencies={['issuedOn']}
            rules={[
              { required: true, message: '请选择统计截止日期' },
              {
                validator: (_, v: Dayjs | undefined) =>
                  v && issuedOn && v.isAfter(issuedOn, 'day') ? Promise.reject(new Error('截止日期不能晚于简报日期')) : Promise.resolve(),
              },
            ]}
          >
            <DatePicker
              format={SHOWN}
              allowClear={false}
              inputReadOnly
              style={{ width: '100%' }}
              disabledDate={(d: Dayjs) => !!issuedOn && d.isAfter(issuedOn, 'day')}
              data-testid="bulletin-new-as-of"
            />
          </Form.Item>
        </div>
        <Form.Item
          name="number"
          label="期号"
          extra={next ? `不填则为下一期：第 ${next} 期；期号不能重复使用` : '不填则为本系列的下一期'}
          rules={[{ validator: (_, v: number | null | undefined) => (v && next && v < next ? Promise.reject(new Error(`第 ${v} 期已用过，下一期是第 ${next} 期`)) : Promise.resolve()) }]}
        >
          <InputNumber<number> min={1} precision={0} prefix="第" suffix="期" placeholder={next ? String(next) : ''} style={{ width: 180 }} data-testid="bulletin-new-number" />
        </Form.Item>
        <Form.Item name="correctsId" label="更正第几期" extra={corrects ? undefined : '本期用于更正已印发的一期时选择'}>
          <Select<number>
            allowClear
            disabled={!!corrects}
            placeholder={issued.length ? '不是更正' : '本系列还没有已印发的一期'}
            options={issued.map((b) => ({ value: b.id, label: `第 ${b.number} 期（${dayjs(b.issuedOn).format(SHOWN)}）` }))}
            data-testid="bulletin-new-corrects"
          />
        </Form.Item>
        {correctsId ? (
          <Form.Item name="correction" label="更正说明" rules={[{ required: true, whitespace: true, message: '请写明更正的内容' }, { max: 500 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="如：第 2 页“卧龙区”排查完成率应为 98.5%" data-testid="bulletin-new-correction" />
          </Form.Item>
        ) : null}
        {chosenSeries?.campaignId ? (
          <Typography.Text type="secondary">日通报只含该任务的进度表；也可在封停任务页直接“生成日通报”。</Typography.Text>
        ) : (
          <Typography.Text type="secondary">新建后默认编入一周内已审核的稿件和各统计表，可在草稿中调整。</Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
