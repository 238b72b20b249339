import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Radio, Row, Select, TreeSelect, Typography } from 'antd';
import { WELL_USE_LABELS, WELL_USES, type WellUse } from '@domain/well/well';
import { useSubtreeOptions } from '../../org/hooks/use-subtree-options';
import { GOOD_ACCURACY_M, useGeolocation } from '../../survey/hooks/use-geolocation';
import type { NewFoundWell } from '../api/inspections-api';

const WELL_UNIT_LEVELS = ['street', 'community', 'grid'];
export const DEFAULT_WELL_USE: WellUse = 'domestic';

export type FoundWellValues = {
  orgUnitId?: number;
  ownerName?: string;
  use: WellUse;
  inUseStatus: 'in_use' | 'stopped';
  address?: string;
  depthM?: number | null;
  lat: number | null;
  lng: number | null;
  accuracyM?: number | null;
  remarks?: string;
};

export const BLANK_FOUND_WELL: FoundWellValues = { use: DEFAULT_WELL_USE, inUseStatus: 'in_use', lat: null, lng: null };

export function foundWellBody(v: FoundWellValues): NewFoundWell {
  return {
    orgUnitId: v.orgUnitId ?? 0,
    ownerName: (v.ownerName ?? '').trim(),
    address: v.address?.trim() ?? '',
    use: v.use,
    inUseStatus: v.inUseStatus,
    lat: v.lat ?? null,
    lng: v.lng ?? null,
    depthM: v.depthM ?? null,
    cardId: null,
    remarks: v.remarks?.trim() ? v.remarks.trim() : null,
  };
}

const tid = (base: string, index: number | undefined) => (index === undefined ? base : `${base}-${index}`);

/**
 * The fields of a well found on a visit, for a new well file: where it is, whose it is, its use,
 * and the phone's position at the wellhead. `name` is the prefix inside the form (a Form.List row
 * or nothing), `path` the same field's absolute path.
 */
export function FoundWellFields({
  name,
  path,
  areaUnitId,
  testIndex,
}: {
  name: (string | number)[];
  path: (string | number)[];
  areaUnitId?: number | null | undefined;
  testIndex?: number;
}) {
  const form = Form.useFormInstance();
  const geo = useGeolocation();
  const options = useSubtreeOptions(areaUnitId, WELL_UNIT_LEVELS);
  const lat = Form.useWatch([...path, 'lat'], form) as number | null | undefined;
  const lng = Form.useWatch([...path, 'lng'], form) as number | null | undefined;
  const accuracy = Form.useWatch([...path, 'accuracyM'], form) as number | null | undefined;

  const locate = async () => {
    const fix = await geo.locate();
    if (!fix) return;
    form.setFieldValue([...path, 'lat'], Number(fix.lat.toFixed(6)));
    form.setFieldValue([...path, 'lng'], Number(fix.lng.toFixed(6)));
    form.setFieldValue([...path, 'accuracyM'], fix.accuracyM);
  };
  const half = { xs: 24, sm: 12 };

  return (
    <>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name={[...name, 'orgUnitId']} label="所在网格" rules={[{ required: true, message: '请选择井所在的网格（或街道、社区）' }]}>
            <TreeSelect
              placeholder="选择网格（可输入名称搜索）"
              treeData={options}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandedKeys={options.map((o) => o.value)}
              listHeight={320}
              data-testid={tid('found-well-unit', testIndex)}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={[...name, 'ownerName']} label="权属单位/户主" rules={[{ required: true, whitespace: true, message: '请填写井的权属单位或户主' }, { max: 100 }]}>
            <Input placeholder="单位名称或户主姓名" data-testid={tid('found-well-owner', testIndex)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={[...name, 'use']} label="用途" rules={[{ required: true, message: '请选择用途' }]}>
            <Select options={WELL_USES.map((u) => ({ value: u, label: WELL_USE_LABELS[u] }))} data-testid={tid('found-well-use', testIndex)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={[...name, 'inUseStatus']} label="使用状态">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'in_use', label: '在用' },
                { value: 'stopped', label: '停用' },
              ]}
              data-testid={tid('found-well-status', testIndex)}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name={[...name, 'address']} label="地址" rules={[{ max: 200 }]}>
            <Input placeholder="街路门牌号、小区或单位内的位置" data-testid={tid('found-well-address', testIndex)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={[...name, 'depthM']} label="井深（米，估计即可）">
            <InputNumber min={0} max={5000} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="井口位置">
            <div className="ws-insp-locate">
              <Button icon={<AimOutlined />} loading={geo.locating} onClick={() => void locate()} data-testid={tid('found-well-locate', testIndex)}>
                定位
              </Button>
              {lat != null && lng != null ? (
                <Typography.Text className="ws-gps__fix">
                  <EnvironmentOutlined style={{ marginRight: 4 }} />
                  <span className="ws-gps__coords">
                    {lat.toFixed(6)}, {lng.toFixed(6)}
                  </span>
                  {accuracy != null && (
                    <Typography.Text type={accuracy > GOOD_ACCURACY_M ? 'warning' : 'secondary'} style={{ marginLeft: 6, fontSize: 12 }}>
                      ±{accuracy} 米
                    </Typography.Text>
                  )}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  站在井口旁点“定位”
                </Typography.Text>
              )}
            </div>
            {geo.error && (
              <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>
                {geo.error}
              </Typography.Text>
            )}
          </Form.Item>
          <Form.Item name={[...name, 'lat']} hidden>
            <InputNumber />
          </Form.Item>
          <Form.Item name={[...name, 'lng']} hidden>
            <InputNumber />
          </Form.Item>
          <Form.Item name={[...name, 'accuracyM']} hidden>
            <InputNumber />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name={[...name, 'remarks']} label="备注" rules={[{ max: 500 }]}>
            <Input placeholder="如：井房内，已停用多年；加压罐在地下室" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
