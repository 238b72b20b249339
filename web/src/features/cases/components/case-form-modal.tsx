import { Alert, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Switch, TreeSelect } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import { useState } from 'react';
import { api } from '../../../lib/api-client';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { VIOLATION_LABELS, VIOLATIONS, type Violation } from '@domain/case/case';
import { articleTitle, LEGAL_ARTICLES } from '@domain/case/legal-basis';
import { errorMessageOf, showApiError, showSuccess } from '../../../ui/feedback';
import { useSubtreeOptions } from '../../org/hooks/use-subtree-options';
import type { CaseDetail, NewCase } from '../api/cases-api';
import { useCreateCase, useUpdateCase } from '../hooks/use-cases';
import { WellsMultiSelect } from './wells-multi-select';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
/** A masked phone or ID number as the server shows it (138****1234, 4101**********1234). */
const MASKED_NUMBER = /\*{4,}[\dXx]{4}/;
const PARTY_LEVELS = ['district', 'street', 'community', 'grid'];
const ARTICLE_OPTIONS = LEGAL_ARTICLES.map((a) => ({ value: a.code, label: `${articleTitle(a)} ${a.subject}`, title: a.subject }));

type Values = {
  filedOn: Dayjs; unitId?: number; partyName?: string; partyContact?: string; wellIds?: number[]; violation?: Violation; violationOther?: string;
  legalBasis?: string[]; facts?: string; fineYuan?: number | null; otherMeasures?: string; typical?: boolean;
};

/** 立案 / 修改案件: the party and its unit, the wells, the violation, the law and the penalty. */
export function CaseFormModal({ open, onClose, editing }: { open: boolean; onClose: () => void; editing?: CaseDetail | null }) {
  return open ? <CaseFormDialog onClose={onClose} editing={editing ?? null} /> : null;
}

function CaseFormDialog({ onClose, editing }: { onClose: () => void; editing: CaseDetail | null }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const create = useCreateCase();
  const update = useUpdateCase(editing?.id ?? 0);
  const mutation = editing ? update : create;
  const units = useSubtreeOptions(null, PARTY_LEVELS);
  const violation = Form.useWatch('violation', form);
  const facts = Form.useWatch('facts', form);
  // the facts come with phone and ID numbers masked: sent back unchanged they keep the numbers;
  // to change them the full text is fetched first (an audited reveal), so that no number turns into stars
  const [revealing, setRevealing] = useState(false);
  const factsMasked = !!editing && MASKED_NUMBER.test(editing.facts) && MASKED_NUMBER.test(facts ?? '');
  const revealFacts = async () => {
    setRevealing(true);
    try {
      const res = await api.post<{ value: string | null }>('/api/personal-info/reveal', { kind: 'case', id: editing!.id, field: 'facts' });
      form.setFieldValue('facts', res.value ?? '');
    } catch (err) {
      showApiError(err);
    } finally {
      setRevealing(false);
    }
  };

  const submit = (v: Values) => {
    const body: NewCase = {
      filedOn: v.filedOn.format(DAY), unitId: v.unitId ?? null, partyCardId: editing?.partyCardId ?? null, partyName: (v.partyName ?? '').trim(), partyContact: (v.partyContact ?? '').trim(),
      wellIds: v.wellIds ?? [], violation: v.violation!, violationOther: v.violation === 'other' ? (v.violationOther ?? '').trim() : null, legalBasis: v.legalBasis ?? [],
      facts: (v.facts ?? '').trim(), fineYuan: v.fineYuan ?? null, otherMeasures: (v.otherMeasures ?? '').trim(), typical: !!v.typical,
    };
    if (editing) {
      update.mutate({ ...body, version: editing.version }, { onSuccess: () => (showSuccess('已保存案件'), onClose()) });
    } else {
      create.mutate(body, { onSuccess: (c) => (showSuccess(`已立案：${c.number}`), onClose(), navigate(`/cases/${c.id}`)) });
    }
  };

  const initial: Partial<Values> = editing
    ? {
        filedOn: dayjs(editing.filedOn, DAY), unitId: editing.unitId, partyName: editing.partyName, partyContact: editing.partyContact, wellIds: editing.wells.map((w) => w.id),
        violation: editing.violation, violationOther: editing.violationOther ?? '', legalBasis: editing.legalBasis.map((b) => b.code), facts: editing.facts,
        fineYuan: editing.fineYuan, otherMeasures: editing.otherMeasures, typical: editing.typical,
      }
    : { filedOn: todayValue(), wellIds: [], legalBasis: [], typical: false };

  return (
    <Modal
      open
      title={editing ? `修改案件 · ${editing.number}` : '立案'}
      width={760}
      onCancel={mutation.isPending ? undefined : onClose}
      okText={editing ? '保存' : '立案'}
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      mask={{ closable: false }}
      destroyOnHidden
      data-testid="case-form-modal"
    >
      {mutation.error && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark="optional">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="filedOn" label="立案日期" rules={[{ required: true, message: '请选择立案日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => isAfterToday(d)} data-testid="case-filed-on" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="unitId" label="当事人所在单位" rules={[{ required: !editing?.partyCardId, message: '请选择区、街道、社区或网格' }]}>
              <TreeSelect placeholder="区、街道、社区或网格" treeData={units} showSearch={{ treeNodeFilterProp: 'title' }} listHeight={320} data-testid="case-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="partyName" label="当事人" rules={[{ required: !editing?.partyCardId, whitespace: true, message: '请填写当事人（单位或个人）' }]}>
              <Input maxLength={100} placeholder="单位名称或姓名" data-testid="case-party" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="partyContact" label="联系方式">
              <Input maxLength={100} placeholder="联系人、电话" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="wellIds" label="涉及的井">
              <WellsMultiSelect initial={editing?.wells ?? []} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="violation" label="违法类型" rules={[{ required: true, message: '请选择违法类型' }]}>
              <Select options={VIOLATIONS.map((v) => ({ value: v, label: VIOLATION_LABELS[v] }))} placeholder="选择违法类型" data-testid="case-violation" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {violation === 'other' && (
              <Form.Item name="violationOther" label="违法行为" rules={[{ required: true, whitespace: true, message: '请写明违法行为' }]}>
                <Input maxLength={100} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24}>
            <Form.Item name="legalBasis" label="法律依据">
              <Select mode="multiple" options={ARTICLE_OPTIONS} optionFilterProp="label" placeholder="可选多条" data-testid="case-legal-basis" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="facts"
              label="违法事实"
              extra={
                factsMasked ? (
                  <span>
                    号码已遮蔽（带 *）：不修改违法事实时保持原样即可；要修改，请先
                    <Button type="link" size="small" loading={revealing} onClick={() => void revealFacts()} style={{ padding: '0 4px' }} data-testid="case-facts-reveal">
                      显示完整内容
                    </Button>
                    （将记入操作日志）
                  </span>
                ) : undefined
              }
            >
              <Input.TextArea rows={3} maxLength={5000} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="fineYuan" label="罚款金额（元）">
              <InputNumber min={0} step={10000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="otherMeasures" label="其他处罚措施">
              <Input maxLength={1000} placeholder="如：责令限期封井" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="typical" label="典型案例" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
