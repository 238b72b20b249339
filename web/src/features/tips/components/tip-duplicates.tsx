import { MergeCellsOutlined } from '@ant-design/icons';
import { Button, Empty, List, Popconfirm, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { showSuccess } from '../../../ui/feedback';
import type { TipDetail } from '../api/tips-api';
import { useMergeTip } from '../hooks/use-tips';

/** 可能重复: earlier tips about the same place with similar text; the city office may merge this one into one of them. */
export function TipDuplicates({ tip, canMerge }: { tip: TipDetail; canMerge: boolean }) {
  const merge = useMergeTip(tip.id);
  const navigate = useNavigate();
  if (!tip.duplicates.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现可能重复的线索" />;
  return (
    <List
      size="small"
      dataSource={tip.duplicates}
      data-testid="tip-duplicates"
      renderItem={(dup) => (
        <List.Item>
          <div className="ws-tip-dup">
            <div className="ws-tip-dup__head">
              <Link to={`/tips/${dup.id}`} className="ws-tip-code">
                {dup.code}
              </Link>
              <Typography.Text type="secondary">{formatDate(dup.receivedOn)}</Typography.Text>
              <Tag color={dup.similarity >= 0.5 ? 'orange' : 'default'}>相似度 {Math.round(dup.similarity * 100)}%</Tag>
              {canMerge && tip.duplicateOf === null && (
                <Popconfirm
                  title={`将本线索合并到 ${dup.code}？`}
                  description="两条线索的内容都会保留，本线索此后随被合并的线索一并办理。"
                  okText="合并"
                  cancelText="取消"
                  onConfirm={() =>
                    merge.mutateAsync(dup.id).then(() => {
                      showSuccess(`已将 ${tip.code} 合并到 ${dup.code}`);
                      navigate(`/tips/${dup.id}`);
                    })
                  }
                >
                  <Button size="small" icon={<MergeCellsOutlined />} className="ws-tip-dup__merge" loading={merge.isPending && merge.variables === dup.id} data-testid={`tip-merge-${dup.id}`}>
                    合并
                  </Button>
                </Popconfirm>
              )}
            </div>
            <Typography.Paragraph ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }} style={{ marginBottom: 0 }}>
              {dup.content}
            </Typography.Paragraph>
          </div>
        </List.Item>
      )}
    />
  );
}
