import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { INSPECTION_METHODS, inspectionProblems } from '@domain/inspection/inspection';
import { errorMessageOf, showApiError, showSuccess } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useMe } from '../../auth/hooks/use-session';
import { FindingFields, type FindingFieldValues } from '../../findings/components/finding-fields';
import { useFindingCategories } from '../../findings/hooks/use-finding-categories';
import type { NewInspection } from '../api/inspections-api';
import { BLANK_FOUND_WELL, foundWellBody, FoundWellFields, type FoundWellValues } from '../components/found-well-fields';
import { blankInspectionValues, inspectionFieldsBody, InspectionFieldsSection, type InspectionFieldsBody, type InspectionFieldValues } from '../components/inspection-fields';
import { useCreateInspection, useVocabulary } from '../hooks/use-inspections';
import '../inspections.css';
import { officeToday } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';

type Values = InspectionFieldValues & { foundWells: FoundWellValues[]; findings: FindingFieldValues[] };

function bodyOf(v: Values, fields: InspectionFieldsBody): NewInspection {
  return {
    ...fields,
    foundWells: (v.foundWells ?? []).map(foundWellBody),
    findings: (v.findings ?? []).map((f) => ({
      category: f.category ?? '',
      unitId: f.unitId ?? 0,
      gridId: f.gridId ?? null,
      wellIndex: f.wellIndex ?? null,
      description: (f.description ?? '').trim(),
      deadline: f.deadline ? f.deadline.format(DAY) : null,
    })),
  };
}

/**
 * 新建督导记录: one field visit or meeting with what came of it — wells found and findings raised
 * — saved together. Made to be filled in on a phone at the site: one column, big targets.
 */
export function InspectionNewPage() {
  const [form] = Form.useForm<Values>();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const create = useCreateInspection();
  const vocabulary = useVocabulary();
  const categories = useFindingCategories();
  const [problems, setProblems] = useState<string[]>([]);
  const bottom = useRef<HTMLDivElement>(null);
  const listedMethods = vocabulary.data?.methods.map((m) => m.label) ?? [...INSPECTION_METHODS];

  const areaUnitId = Form.useWatch('areaUnitId', form) as number | undefined;
  const onDate = Form.useWatch('onDate', form) as Dayjs | undefined;
  const foundWells = (Form.useWatch('foundWells', form) ?? []) as FoundWellValues[];
  const wellOptions = useMemo(
    () => foundWells.map((w, i) => ({ value: i, label: `第 ${i + 1} 眼：${w?.ownerName?.trim() || '未填写权属单位'}` })),
    [foundWells],
  );

  // an office below the city usually inspects its own area
  const initialValues = useMemo<Values>(() => {
    const own = me.grants.find((g) => g.orgLevel !== 'city' && g.orgLevel !== 'grid');
    return { ...blankInspectionValues(), ...(own ? { areaUnitId: own.orgUnitId } : {}), foundWells: [], findings: [] };
  }, [me.grants]);

  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/inspections'));

  /** A found well removed: findings pointing at it lose the link, those after it move up one. */
  const removeWell = (index: number, remove: (i: number) => void) => {
    const findings = (form.getFieldValue('findings') ?? []) as FindingFieldValues[];
    findings.forEach((f, i) => {
      if (f?.wellIndex === undefined || f.wellIndex === null) return;
      if (f.wellIndex === index) form.setFieldValue(['findings', i, 'wellIndex'], null);
      else if (f.wellIndex > index) form.setFieldValue(['findings', i, 'wellIndex'], f.wellIndex - 1);
    });
    remove(index);
  };

  const submit = (v: Values) => {
    const fields = inspectionFieldsBody(v);
    const found = inspectionProblems(fields, officeToday());
    if (found.length) {
      setProblems(found);
      bottom.current?.scrollIntoView({ block: 'center' });
      return;
    }
    setProblems([]);
    create.mutate(bodyOf(v, fields), {
      onSuccess: (saved) => {
        const extras = [saved.wellsFound ? `发现的井 ${saved.wellsFound} 眼` : '', saved.findings.length ? `问题 ${saved.findings.length} 个` : ''].filter(Boolean).join('、');
        showSuccess(`已保存督导记录${extras ? `（${extras}）` : ''}`);
        navigate(`/inspections/${saved.id}`);
      },
      onError: (err) => {
        showApiError(err);
        bottom.current?.scrollIntoView({ block: 'center' });
      },
    });
  };

  return (
    <div className="ws-insp-page">
      <PageHeader
        title={
          <span>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" style={{ marginRight: 4 }} />
            新建督导记录
          </span>
        }
        description="现场核查、暗访、调研督导或会议：记下经过，并当场登记发现的自备井和问题"
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
        onValuesChange={() => problems.length && setProblems([])}
        disabled={create.isPending}
        initialValues={initialValues}
        className="ws-card-form ws-insp-form"
        data-testid="inspection-form"
      >
        <Card className="ws-card" title="督导记录" style={{ marginBottom: 16 }}>
          <InspectionFieldsSection listedMethods={listedMethods} />
        </Card>

        <Card className="ws-card" title="发现的自备井" style={{ marginBottom: 16 }}>
          <Form.List name="foundWells">
            {(fields, { add, remove }) => (
              <>
                {fields.length === 0 && (
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    现场发现尚未建档的自备井，在此登记即建立井档案（发现途径记为“督导核查”）。
                  </Typography.Paragraph>
                )}
                {fields.map((field) => (
                  <div className="ws-insp-block" key={field.key} data-testid={`found-well-${field.name}`}>
                    <div className="ws-insp-block__head">
                      <Typography.Text strong>第 {field.name + 1} 眼井</Typography.Text>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => removeWell(field.name, remove)}>
                        删除
                      </Button>
                    </div>
                    <FoundWellFields name={[field.name]} path={['foundWells', field.name]} areaUnitId={areaUnitId} testIndex={field.name} />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} block onClick={() => add({ ...BLANK_FOUND_WELL })} data-testid="add-found-well">
                  登记发现的井
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card className="ws-card" title="发现的问题" style={{ marginBottom: 16 }}>
          <Form.List name="findings">
            {(fields, { add, remove }) => (
              <>
                {fields.length === 0 && (
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    排查不细、漏排、资料不健全等问题，登记后交责任单位整改，进入“问题整改”跟踪销号。
                  </Typography.Paragraph>
                )}
                {fields.map((field) => (
                  <div className="ws-insp-block" key={field.key} data-testid={`finding-${field.name}`}>
                    <div className="ws-insp-block__head">
                      <Typography.Text strong>问题 {field.name + 1}</Typography.Text>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                        删除
                      </Button>
                    </div>
                    <FindingFields
                      name={[field.name]}
                      path={['findings', field.name]}
                      testIndex={field.name}
                      areaUnitId={areaUnitId}
                      categories={categories}
                      wells={{ kind: 'index', options: wellOptions }}
                      earliestDeadline={onDate}
                    />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} block onClick={() => add({ wellIndex: null, gridId: null, deadline: null })} data-testid="add-finding">
                  登记发现的问题
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card className="ws-card ws-insp-submit" style={{ marginBottom: 16 }}>
          <div ref={bottom} />
          {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} data-testid="inspection-problems" />}
          {create.isError && <Alert type="error" showIcon title={errorMessageOf(create.error)} style={{ marginBottom: 12 }} data-testid="inspection-error" />}
          <div className="ws-insp-submit__bar">
            <Button size="large" onClick={back} disabled={create.isPending}>
              取消
            </Button>
            <Button type="primary" size="large" htmlType="submit" icon={<SaveOutlined />} loading={create.isPending} data-testid="inspection-submit">
              保存督导记录
            </Button>
          </div>
        </Card>
      </Form>
    </div>
  );
}
