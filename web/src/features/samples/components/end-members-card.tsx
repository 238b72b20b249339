import { Alert, Button, Card, Checkbox, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { Mixing, MixingSave } from '../api/samples-api';
import { useMixing, useSaveMixing } from '../hooks/use-samples';

type Row = { tracer: string; label: string; tap: number | null; well: number | null };
type Draft = { floor: number; city: Row[]; districts: Record<number, Row[] | null> };

const draftOf = (m: Mixing): Draft => ({
  floor: m.floor,
  city: m.city,
  districts: Object.fromEntries(m.districts.map((d) => [d.districtId, d.custom ? d.endMembers : null])),
});
const emOf = (rows: Row[]) => Object.fromEntries(rows.filter((r) => r.tap !== null && r.well !== null).map((r) => [r.tracer, { tap: r.tap!, well: r.well! }]));

/** 端元值设置: tap water and local groundwater per district (or the city's default), and the detection floor; the city office edits them. */
export function EndMembersCard() {
  const mixing = useMixing();
  const save = useSaveMixing();
  const [area, setArea] = useState<'city' | number>('city');
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (mixing.data) setDraft(draftOf(mixing.data));
  }, [mixing.data]);
  if (!mixing.data || !draft) return <Card className="ws-card" title="端元值与检出限" loading={mixing.isLoading}>{mixing.error ? errorMessageOf(mixing.error) : null}</Card>;
  const m = mixing.data;
  const editable = m.editable;
  const own = area === 'city' ? draft.city : draft.districts[area];
  const rows = own ?? draft.city;
  const setRows = (next: Row[]) => setDraft({ ...draft, ...(area === 'city' ? { city: next } : { districts: { ...draft.districts, [area]: next } }) });
  const setCell = (tracer: string, key: 'tap' | 'well', value: number | null) => setRows(rows.map((r) => (r.tracer === tracer ? { ...r, [key]: value } : r)));
  const submit = () => {
    const body: MixingSave = {
      floor: draft.floor,
      city: emOf(draft.city),
      districts: Object.fromEntries(Object.entries(draft.districts).map(([id, r]) => [id, r ? emOf(r) : null])),
      version: m.version,
    };
    save.mutate(body, { onSuccess: () => showSuccess('已保存端元值和检出限') });
  };
  return (
    <Card className="ws-card" title="端元值与检出限" data-testid="end-members-card"
      extra={editable && <Button type="primary" size="small" loading={save.isPending} onClick={submit} data-testid="end-members-save">保存</Button>}>
      {save.isError && <Alert type="error" showIcon title={errorMessageOf(save.error)} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<'city' | number>
          value={area}
          onChange={setArea}
          style={{ width: 160 }}
          options={[{ value: 'city', label: '全市默认' }, ...m.districts.map((d) => ({ value: d.districtId, label: `${d.district}${draft.districts[d.districtId] ? '（本区值）' : ''}` }))]}
          data-testid="end-members-area"
        />
        {area !== 'city' && (
          <Checkbox checked={!own} disabled={!editable} onChange={(e) => setDraft({ ...draft, districts: { ...draft.districts, [area]: e.target.checked ? null : draft.city.map((r) => ({ ...r })) } })}>
            使用全市默认
          </Checkbox>
        )}
        <span>
          检出限{' '}
          <InputNumber<number> size="small" min={1} max={50} value={Math.round(draft.floor * 100)} disabled={!editable} onChange={(v) => v && setDraft({ ...draft, floor: v / 100 })} suffix="%" style={{ width: 90 }} data-testid="end-members-floor" />
        </span>
      </Space>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="tracer"
        dataSource={rows}
        columns={[
          { title: '指标', dataIndex: 'label' },
          ...(['tap', 'well'] as const).map((key) => ({
            title: key === 'tap' ? '自来水' : '本地地下水',
            dataIndex: key,
            align: 'right' as const,
            render: (v: number | null, r: Row) =>
              editable && (area === 'city' || own) ? (
                <InputNumber<number> size="small" min={0} value={v ?? undefined} onChange={(x) => setCell(r.tracer, key, x ?? null)} style={{ width: 100 }} />
              ) : (
                v ?? '—'
              ),
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        默认值为假设：自来水取丹江口水源数据，地下水取华北平原私井数据；请以本地井水、自来水实测结果替换。占比低于检出限时只报“低于检出限”。
      </Typography.Paragraph>
    </Card>
  );
}
