import { Col, Descriptions, Empty, Row, Table, Tag, Typography } from 'antd';
import { CARD_KINDS, CARD_KIND_LABELS, WATER_SOURCE_LABELS, type WaterSource } from '@domain/survey/card';
import { formatCount } from '../../../lib/format';
import type { Card, GridSummary } from '../api/survey-api';
import { CardKindTag } from './survey-tags';

/**
 * The grid's 网格用水汇总 and 网格自备井汇总, generated from its cards (never typed in), as the
 * inspectors ask to see them in the weekly findings.
 */
export function GridSummaryPanel({ summary, cards, onOpenCard }: { summary: GridSummary; cards: Card[]; onOpenCard: (id: number) => void }) {
  const withWells = cards.filter((c) => c.wellsDeclared > 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Typography.Title level={5}>网格用水汇总</Typography.Title>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'cards', label: '一户一卡', children: <strong>{formatCount(summary.cards)} 户</strong> },
            ...CARD_KINDS.map((k) => ({
              key: k,
              label: CARD_KIND_LABELS[k],
              // the weekly findings keep finding shops and urban-village houses left off the cards
              children:
                (k === 'shop' || k === 'village_house') && summary.byKind[k] === 0 && summary.cards > 0 ? (
                  <Typography.Text type="warning">0 户（未登记）</Typography.Text>
                ) : (
                  `${formatCount(summary.byKind[k])} 户`
                ),
            })),
            { key: 'households', label: '户数合计', children: formatCount(summary.households) },
            { key: 'persons', label: '人数合计', children: formatCount(summary.persons) },
            { key: 'tap', label: '自来水户号', children: `${formatCount(summary.tapAccounts)} 个` },
            {
              key: 'notap',
              label: '无自来水户号',
              children: summary.cardsWithoutTap ? <Typography.Text type="danger">{formatCount(summary.cardsWithoutTap)} 户（疑似自备井）</Typography.Text> : '0 户',
            },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 20 }}>
          行业分类
        </Typography.Title>
        <Table
          size="small"
          bordered
          rowKey="industry"
          pagination={false}
          dataSource={summary.byIndustry}
          locale={{ emptyText: '暂无一户一卡' }}
          columns={[
            { title: '行业分类', dataIndex: 'industry' },
            { title: '户数', dataIndex: 'cards', align: 'right', width: 100 },
            {
              title: '占比',
              align: 'right',
              width: 100,
              render: (_, r) => (summary.cards ? `${((r.cards / summary.cards) * 100).toFixed(1)}%` : '—'),
            },
          ]}
        />
      </Col>
      <Col xs={24} xl={12}>
        <Typography.Title level={5}>网格自备井汇总</Typography.Title>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'wells', label: '申报自备井', children: <strong>{formatCount(summary.wellsDeclared)} 眼</strong> },
            { key: 'with', label: '有自备井的用户', children: `${formatCount(summary.cardsWithWells)} 户` },
          ]}
        />
        {withWells.length ? (
          <Table<Card>
            style={{ marginTop: 12 }}
            size="small"
            bordered
            rowKey="id"
            pagination={false}
            dataSource={withWells}
            columns={[
              { title: '名称', dataIndex: 'name', render: (n: string, c) => <Typography.Link onClick={() => onOpenCard(c.id)}>{n}</Typography.Link> },
              { title: '类别', dataIndex: 'kind', width: 110, render: (_, c) => <CardKindTag kind={c.kind} /> },
              { title: '自备井', dataIndex: 'wellsDeclared', align: 'right', width: 80, render: (n: number) => `${n} 眼` },
              { title: '水源', dataIndex: 'waterSource', width: 130, render: (s: WaterSource) => WATER_SOURCE_LABELS[s] },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本网格未申报自备井" style={{ margin: '16px 0' }} />
        )}
        <Typography.Title level={5} style={{ marginTop: 20 }}>
          承诺书
        </Typography.Title>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={[
            { key: 'ok', label: <Tag color="green">齐全</Tag>, children: `${formatCount(summary.pledges.complete)} 户` },
            { key: 'unsigned', label: <Tag color="red">未签承诺书</Tag>, children: `${formatCount(summary.pledges.unsigned)} 户` },
            { key: 'unstamped', label: <Tag color="orange">单位未盖章</Tag>, children: `${formatCount(summary.pledges.unstamped)} 户` },
          ]}
        />
      </Col>
    </Row>
  );
}
