import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Progress, Space, Table, Tag, Typography } from 'antd';
import type { Sample, SampleDetail } from '../api/samples-api';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A sample's groundwater share in one tag: "约40%（±2%）", "低于检出限" or "—". */
export function ShareTag({ sample }: { sample: Sample }) {
  const e = sample.estimate;
  if (!e) return <Typography.Text type="secondary">—</Typography.Text>;
  if (e.belowDetection) return <Tag data-testid="share-tag">低于检出限</Tag>;
  return (
    <Tag color={e.share >= 0.5 ? 'red' : e.share >= 0.2 ? 'orange' : 'gold'} data-testid="share-tag">
      约{pct(e.share)}（±{pct(e.uncertainty)}）
    </Tag>
  );
}

/** The mixing model's answer for one sample: the share with its uncertainty, each tracer's own share, and the chlorine evidence beside it. */
export function SampleEstimate({ sample }: { sample: SampleDetail }) {
  const e = sample.estimate;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="sample-estimate">
      {!e ? (
        <Typography.Text type="secondary">尚无可用于估算的化验指标（总硬度、溶解性总固体、电导率、硝酸盐等）</Typography.Text>
      ) : (
        <>
          <div className="ws-sample-share">
            <ExperimentOutlined />
            {e.belowDetection ? (
              <span className="ws-sample-share__value" data-testid="sample-share">低于检出限</span>
            ) : (
              <span className="ws-sample-share__value" data-testid="sample-share">
                约{pct(e.share)} <small>±{pct(e.uncertainty)}</small>
              </span>
            )}
          </div>
          <Typography.Text data-testid="sample-share-text">{e.text}</Typography.Text>
          {!e.belowDetection && <Progress percent={Math.round(e.share * 100)} showInfo={false} strokeColor={e.share >= 0.5 ? '#cf1322' : '#fa8c16'} />}
          <Table
            size="small"
            pagination={false}
            rowKey="tracer"
            dataSource={e.perTracer}
            data-testid="sample-per-tracer"
            columns={[
              { title: '指标', dataIndex: 'label' },
              { title: '按该指标的地下水占比', dataIndex: 'share', align: 'right', render: (s: number) => pct(Math.min(1, Math.max(0, s))) },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            两端元混合模型：端元值采用{sample.endMembersArea}（自来水 / 本地地下水），检出限 {pct(sample.floor)}；各指标结果的离散程度作为不确定度。
          </Typography.Text>
        </>
      )}
      {sample.chlorineEvidence && <Alert type="warning" showIcon title={sample.chlorineEvidence} data-testid="sample-chlorine-evidence" />}
    </Space>
  );
}
