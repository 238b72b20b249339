import { DownOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Dropdown, Row, Skeleton, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth/hooks/use-session';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useViewportHeight } from '../../../ui/use-viewport-height';
import { orgExportUrl } from '../api/org-api';
import { OrgLevelStrip } from '../components/org-level-strip';
import { OrgImportModal } from '../components/org-import-modal';
import { OrgTreePanel } from '../components/org-tree-panel';
import { OrgUnitDetail } from '../components/org-unit-detail';
import { countByLevel, indexOrgUnits } from '../hooks/org-tree';
import { useOrgUnits } from '../hooks/use-org-units';

export function OrgPage() {
  const can = useCan();
  const [includeClosed, setIncludeClosed] = useState(false);
  const [importing, setImporting] = useState(false);
  const [params, setParams] = useSearchParams();
  const viewport = useViewportHeight();
  const { data: units, isPending, error } = useOrgUnits(includeClosed);

  const index = useMemo(() => indexOrgUnits(units ?? []), [units]);
  const counts = useMemo(() => countByLevel(units ?? []), [units]);

  const requested = Number(params.get('unit'));
  const selected = (requested && index.byId.get(requested)) || index.roots[0] || null;
  const select = (id: number) => setParams({ unit: String(id) }, { replace: true });

  const actions = (
    <Space wrap>
      <Space.Compact>
        <Button icon={<DownloadOutlined />} href={orgExportUrl('xlsx')} download>
          导出 Excel
        </Button>
        <Dropdown menu={{ items: [{ key: 'csv', label: <a href={orgExportUrl('csv')} download>导出 CSV</a> }] }} placement="bottomRight">
          <Button icon={<DownOutlined />} aria-label="其他导出格式" />
        </Dropdown>
      </Space.Compact>
      {can('org.import') && (
        <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
          导入
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <PageHeader title="组织机构" description="区、街道、社区/村、网格四级网格化组织体系，网格编号全市唯一" extra={actions} />
      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}
      <OrgLevelStrip index={index} counts={counts} loading={isPending} gridLabel="网格总数" />
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={10} xl={9}>
          <Card
            className="ws-card"
            title="组织机构树"
            extra={
              <Checkbox checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)}>
                显示已关闭单位
              </Checkbox>
            }
            styles={{ body: { paddingTop: 12 } }}
          >
            {isPending ? (
              <Skeleton active paragraph={{ rows: 12 }} />
            ) : (
              <OrgTreePanel
                units={units ?? []}
                index={index}
                selectedId={selected?.id ?? null}
                onSelect={select}
                height={Math.max(360, viewport - 440)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          {isPending ? (
            <Card className="ws-card">
              <Skeleton active />
            </Card>
          ) : (
            <OrgUnitDetail unit={selected} index={index} canEdit={can('org.edit')} onSelect={select} />
          )}
        </Col>
      </Row>
      <OrgImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
