import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import { SAMPLES_EXPORT_URL, type Sample } from '../api/samples-api';
import { EndMembersCard } from '../components/end-members-card';
import { ShareTag } from '../components/sample-estimate';
import { SampleFormModal } from '../components/sample-form-modal';
import { SamplesImportModal } from '../components/samples-import-modal';
import { useMixing, useSamples } from '../hooks/use-samples';
import '../samples.css';

/** 水样化验: samples drawn at taps, tanks and well heads, their lab results and the groundwater share they show. */
export function SamplesPage() {
  const can = useCan();
  const list = useListParams();
  const { params, q, page, pageSize, update } = list;
  const [recording, setRecording] = useState(false);
  const [importing, setImporting] = useState(false);
  const districtId = list.id('district');
  const minShare = Number(params.get('minShare')) || undefined;
  const below = params.get('below') === 'true';
  const filter = { ...(districtId ? { districtId } : {}), ...(minShare ? { minShare } : {}), ...(below ? { belowDetection: true } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useSamples({ ...filter, page, pageSize });
  const mixing = useMixing();
  const districts = mixing.data?.districts ?? [];
  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="水样化验"
        description="龙头、水箱、井口取样化验，按两端元混合模型估算地下水占比，作为疑似双水源用水户、举报线索和督导核查的证据"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={SAMPLES_EXPORT_URL} download data-testid="samples-export">导出</Button>
            {can('samples.edit') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="samples-import">导入</Button>}
            {can('samples.edit') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="sample-new">登记水样</Button>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card className="ws-card">
            <ListToolbar className="ws-sample-filters" total={data?.total} unit="份">
              <ListSearch list={list} placeholder="样品编号或地址" data-testid="samples-search" />
              {districts.length > 1 && (
                <Select<number>
                  allowClear
                  placeholder="全部区"
                  className="ws-sample-filters__select"
                  value={districtId}
                  onChange={(v) => update({ district: v })}
                  options={districts.map((d) => ({ value: d.districtId, label: d.district }))}
                  data-testid="samples-district"
                />
              )}
              <span className="ws-sample-filters__share">
                地下水占比 ≥
                <InputNumber<number> min={0} max={100} value={minShare} onChange={(v) => update({ minShare: v || undefined })} suffix="%" style={{ width: 90 }} data-testid="samples-min-share" />
              </span>
              <label className="ws-sample-filters__switch">
                <Switch size="small" checked={below} onChange={(on) => update({ below: on ? 'true' : undefined })} data-testid="samples-below-only" />
                只看低于检出限
              </label>
            </ListToolbar>
            <PagedTable<Sample>
              data-testid="samples-table"
              list={list}
              total={data?.total}
              unit="份"
              error={error}
              loading={isFetching}
              dataSource={data?.samples ?? []}
              scroll={{ x: 900 }}
              rowLink={(s) => `/samples/${s.id}`}
              locale={{ emptyText: filtered ? '没有符合条件的水样' : '还没有登记水样' }}
              columns={[
                { title: '样品编号', dataIndex: 'code', width: 160, render: (c: string, s) => <Link to={`/samples/${s.id}`} onClick={(e) => e.stopPropagation()}>{c}</Link> },
                { title: '采样日期', dataIndex: 'sampledOn', width: 130, render: (d: string) => <span className="ws-nowrap">{formatDate(d)}</span> },
                {
                  title: '区 / 地点',
                  dataIndex: 'district',
                  render: (d: string, s) => (
                    <div>
                      <div>{d}{s.place.length > 1 ? ` · ${s.place.slice(1).join(' / ')}` : ''}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.address || s.wellCode || s.cardName}</Typography.Text>
                    </div>
                  ),
                },
                { title: '采样点', dataIndex: 'pointLabel', width: 110 },
                { title: '现场余氯', dataIndex: 'fieldChlorineLabel', width: 100, render: (l: string, s) => (s.fieldChlorine === 'absent' && s.point === 'tap' ? <Typography.Text type="warning">{l}</Typography.Text> : l) },
                { title: '地下水占比', dataIndex: 'estimate', width: 150, render: (_: unknown, s) => <ShareTag sample={s} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <EndMembersCard />
        </Col>
      </Row>
      <SampleFormModal open={recording} onClose={() => setRecording(false)} />
      <SamplesImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
