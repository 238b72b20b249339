import { Alert, Button, Form, Modal, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { NewFinding } from '../api/findings-api';
import { useFindingCategories } from '../hooks/use-finding-categories';
import { useRaiseFinding } from '../hooks/use-findings';
import { FindingFields, type FindingFieldValues } from './finding-fields';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';

/** The inspection a finding is raised on: its day, its area, the wells it found. */
export type RaisingOn = { id: number; title: string; onDate: string; areaUnitId: number; wells: { id: number; code: string; ownerName: string }[] };

type Values = FindingFieldValues & { foundOn: Dayjs };

/** 登记问题: a finding for a unit to put right, on its own or from an inspection record. */
export function RaiseFindingModal({ open, onClose, inspection }: { open: boolean; onClose: () => void; inspection?: RaisingOn | null }) {
  return open ? <RaiseFindingDialog onClose={onClose} inspection={inspection ?? null} /> : null;
}

function RaiseFindingDialog({ onClose, inspection }: { onClose: () => void; inspection: RaisingOn | null }) {
  const [form] = Form.useForm<Values>();
  const raise = useRaiseFinding();
  const navigate = useNavigate();
  const categories = useFindingCategories();
  const foundOn = Form.useWatch('foundOn', form) as Dayjs | undefined;
  const earliest = inspection ? dayjs(inspection.onDate, DAY) : undefined;

  const submit = (v: Values) => {
    const body: NewFinding = {
      foundOn: v.foundOn.format(DAY),
      category: v.category ?? '',
      unitId: v.unitId ?? 0,
      description: (v.description ?? '').trim(),
      deadline: v.deadline ? v.deadline.format(DAY) : null,
      inspectionId: inspection?.id ?? null,
      gridId: v.gridId ?? null,
      cardId: null,
      wellId: v.wellId ?? null,
    };
    raise.mutate(body, {
      onSuccess: (f) => {
        showSuccess(f.gridReopened ? '已登记问题；该网格已退回排查中' : '已登记问题，已交责任单位整改');
        onClose();
        if (!inspection) navigate(`/findings/${f.id}`);
      },
    });
  };

  return (
    <Modal
      open
      title={inspection ? `登记问题 · ${inspection.title}` : '登记问题'}
      width={720}
      onCancel={raise.isPending ? undefined : onClose}
      closable={!raise.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={raise.isPending}>
            取消
          </Button>
          <Button type="primary" loading={raise.isPending} onClick={() => form.submit()} data-testid="finding-raise-submit">
            登记
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary">
        问题登记后交责任单位整改：责任单位提交整改材料，提出问题的单位核验销号。
        {inspection && ` 本问题将关联督导记录（${formatDate(inspection.onDate)}）。`}
      </Typography.Paragraph>
      {raise.isError && <Alert type="error" showIcon title={errorMessageOf(raise.error)} style={{ marginBottom: 12 }} data-testid="finding-raise-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={raise.isPending}
        initialValues={{ foundOn: earliest ?? todayValue(), gridId: null, wellId: null, deadline: null }}
        className="ws-card-form"
      >
        <Form.Item name="foundOn" label="发现日期" rules={[{ required: true, message: '请选择发现日期' }]}>
          <DatePicker
            allowClear={false}
            inputReadOnly
            format="YYYY年M月D日"
            style={{ width: 200, maxWidth: '100%' }}
            disabledDate={(d: Dayjs) => isAfterToday(d) || (!!earliest && d.isBefore(earliest, 'day'))}
            data-testid="finding-found-on"
          />
        </Form.Item>
        <FindingFields
          name={[]}
          path={[]}
          areaUnitId={inspection?.areaUnitId}
          categories={categories}
          wells={
            inspection && inspection.wells.length
              ? { kind: 'listed', options: inspection.wells.map((w) => ({ value: w.id, label: `${w.code} · ${w.ownerName}` })) }
              : { kind: 'search' }
          }
          earliestDeadline={foundOn}
        />
      </Form>
    </Modal>
  );
}
