import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { wellTagUrl } from '../api/wells-api';

/** A page with nothing but the well's label at print size; prints itself once the label has loaded. */
export function WellTagPrintPage() {
  const wellId = Number(useParams().wellId);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!loaded) return;
    const t = window.setTimeout(() => window.print(), 200);
    return () => window.clearTimeout(t);
  }, [loaded]);

  return (
    <div className="ws-print-page">
      <div className="ws-print-page__bar">
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!loaded}>
            打印
          </Button>
          <Button onClick={() => window.close()}>关闭</Button>
        </Space>
        <span className="ws-print-page__hint">标识牌打印尺寸约 75 × 95 毫米</span>
      </div>
      {failed ? (
        <p className="ws-print-page__hint">标识牌加载失败：该井不存在或不在您的管辖范围内。</p>
      ) : (
        <img src={wellTagUrl(wellId)} alt="井标识牌" className="ws-print-page__tag" onLoad={() => setLoaded(true)} onError={() => setFailed(true)} />
      )}
    </div>
  );
}
