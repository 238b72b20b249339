/**
 * The demo campaign's bulletin series and the two seed issues: 第12期 (2024-01-14, cut-off
 * 2024-01-12) and 第30期 (2024-06-23), with the seeds' sections, article order and tables.
 */
import type { ArticleCategory } from '../../domain/bulletin/article.js';
import type { TableKey } from '../../domain/bulletin/bulletin.js';

export const DEMO_SERIES = {
  name: '工作简报',
  title: '“飓风”行动工作简报',
  office: '市中心城区自备井封停及南水北调水源置换工作领导小组办公室',
  reportLine: '报：市领导小组组长、副组长、执行副组长。',
  sendLine: '发：中心城区四区政府（管委会），各成员单位。',
};

type Section = { kind: 'articles'; category: ArticleCategory; titles: string[] } | { kind: 'table'; table: TableKey; inContents: boolean };

export const DEMO_BULLETINS: { number: number; issuedOn: string; asOf: string; sections: Section[] }[] = [
  {
    number: 12, issuedOn: '2024-01-14', asOf: '2024-01-12',
    sections: [
      { kind: 'articles', category: 'leader', titles: ['刘江副市长专项调研“飓风”行动排查阶段工作进展情况'] },
      { kind: 'articles', category: 'work', titles: ['市领导小组办公室召开办公室主任会议', '市领导小组办公室核查调研地温空调项目运行情况', '市领导小组办公室对疑似双水源用水户进行调研督导', '市领导小组办公室研究部署核查督导工作'] },
      { kind: 'table', table: 'tips', inContents: true },
      { kind: 'table', table: 'survey', inContents: true },
      { kind: 'table', table: 'findings', inContents: true },
    ],
  },
  {
    number: 30, issuedOn: '2024-06-23', asOf: '2024-06-23',
    sections: [
      { kind: 'articles', category: 'work', titles: ['市领导小组办公室会同市督察局对宛城区自备井封停工作进行督导', '市领导小组办公室召开自备井封停研讨会'] },
      { kind: 'articles', category: 'info', titles: ['多措并举全力打好自备井封停攻坚战', '召开自备井专项整治专题会议', '崔庄社区城中村水源置换管网改造工程开工', '召开自备井封停工作约谈会'] },
      { kind: 'table', table: 'task', inContents: false },
    ],
  },
];
