import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { wellTagUrl } from '../api/wells-api';

/** 一井一牌一码: the well's label with its QR code, to print and fix at the wellhead. */
export function WellTagCard({ wellId, code }: { wellId: number; code: string }) {
  const print = () => window.open(`/wells/${wellId}/print-tag`, '_blank', 'noopener');
  return (
    <div className="ws-well-tag">
      <img src={wellTagUrl(wellId)} alt={`井 ${code} 标识牌`} className="ws-well-tag__img" data-testid="well-tag" />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0' }}>
        扫码查看井档案。打印后塑封，固定在井口或泵房显眼处。
      </Typography.Paragraph>
      <Space wrap>
        <Button icon={<PrinterOutlined />} onClick={print}>
          打印
        </Button>
        <Button icon={<DownloadOutlined />} href={wellTagUrl(wellId)} download={`${code}.svg`}>
          下载
        </Button>
      </Space>
    </div>
  );
}
