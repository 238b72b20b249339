import { EyeInvisibleOutlined, EyeOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Popconfirm, Typography } from 'antd';
import { errorMessageOf } from '../../../ui/feedback';
import type { TipDetail } from '../api/tips-api';
import { useRevealReporter } from '../hooks/use-tips';

/**
 * 举报人信息 (city office only). Nothing is fetched until the user asks and confirms: every read
 * of a reporter's identity is written to the audit log (whistleblower protection).
 */
export function TipReporterPanel({ tip }: { tip: TipDetail }) {
  const reveal = useRevealReporter(tip.id);
  const reporter = reveal.data;

  return (
    <div data-testid="tip-reporter">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        <LockOutlined /> 举报人身份依法保密，仅市封停办可查看；每次查看都会记入操作日志，请勿向属地或被举报人透露。
        {tip.anonymous && ' 本线索为匿名举报。'}
      </Typography.Paragraph>
      {reveal.isError && <Alert type="error" showIcon title={errorMessageOf(reveal.error)} style={{ marginBottom: 12 }} />}
      {reporter ? (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'mode', label: '举报方式', children: reporter.anonymous ? '匿名' : '实名' },
              { key: 'name', label: '姓名', children: reporter.name ?? '—' },
              { key: 'phone', label: '电话', children: reporter.phone ?? '—' },
              { key: 'ip', label: '提交地址（IP）', children: reporter.ip ?? '—' },
            ]}
          />
          <Button icon={<EyeInvisibleOutlined />} style={{ marginTop: 12 }} onClick={() => reveal.reset()}>
            隐藏
          </Button>
        </>
      ) : (
        <Popconfirm
          title="查看举报人信息"
          description="本次查看将记入操作日志。确定查看吗？"
          okText="确定查看"
          cancelText="取消"
          onConfirm={() => reveal.mutate()}
        >
          <Button icon={<EyeOutlined />} loading={reveal.isPending} data-testid="tip-reporter-reveal">
            查看举报人信息（将记入操作日志）
          </Button>
        </Popconfirm>
      )}
    </div>
  );
}
