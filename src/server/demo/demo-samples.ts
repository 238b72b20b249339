/**
 * The demo campaign's water samples: the two the seed inspections name (SY-20240108-01 at the
 * 向阳荷花广场小区 storm drain, SY-20240109-01 at the 漫香湖小区 well head) and two taps sampled
 * the same day (漫香湖小区, about 40 % groundwater; 芒果一号酒店, tap water). The lab values are
 * our own, made to sit where the default end-members put them. Deterministic.
 */
import type { FieldChlorine, SamplePoint } from '../../domain/sample/sample.js';

export type DemoSample = {
  code: string;
  sampledOn: string;
  sampledBy: string;
  /** "区/街道/社区" or a grid's name */
  unit: string;
  /** a card as "网格/户名", a well by its owner */
  card?: string;
  well?: string;
  address: string;
  point: SamplePoint;
  fieldChlorine: FieldChlorine;
  fieldChlorineMgL: number | null;
  labResults: Record<string, number>;
  labName: string;
  reportOn: string;
  note: string;
  links: ({ inspection: string } | { account: string; households?: number } | { suspectCheck: string; households?: number })[];
};

const LAB = '南阳市水质监测中心';

export const DEMO_SAMPLES: DemoSample[] = [
  {
    code: 'SY-20240108-01', sampledOn: '2024-01-08', sampledBy: '市水利局执法人员', unit: '宛城区/东关街道/荷花广场社区', address: '向阳荷花广场小区雨水井',
    point: 'non_potable', fieldChlorine: 'absent', fieldChlorineMgL: null,
    labResults: { totalHardness: 498, tds: 412, conductivity: 634, nitrate: 17.6, fluoride: 0.52, chloride: 61, sulfate: 104, freeChlorine: 0 },
    labName: LAB, reportOn: '2024-01-11', note: '雨水管道内持续来水，疑似地温空调回灌水外排',
    links: [{ inspection: '核查调研白河沿岸地温空调项目运行情况' }],
  },
  {
    code: 'SY-20240109-01', sampledOn: '2024-01-09', sampledBy: '市封停办督导组', unit: '七里园社区第1网格', well: '漫香湖小区（东广场东北角）', address: '漫香湖小区东广场井口',
    point: 'well_head', fieldChlorine: 'absent', fieldChlorineMgL: null,
    labResults: { totalHardness: 568, tds: 446, conductivity: 681, nitrate: 21.3, fluoride: 0.61, chloride: 72, sulfate: 118, freeChlorine: 0 },
    labName: LAB, reportOn: '2024-01-12', note: '东广场东北角在用自备井井口取样，作为本地地下水端元参考',
    links: [{ inspection: '对疑似双水源用水户芒果一号酒店、漫香湖小区进行调研督导' }, { account: '漫香湖小区物业服务中心', households: 420 }, { suspectCheck: '漫香湖小区物业服务中心', households: 420 }],
  },
  {
    code: 'SY-20240109-02', sampledOn: '2024-01-09', sampledBy: '市封停办督导组', unit: '七里园社区第1网格', card: '七里园社区第1网格/漫香湖小区物业服务中心', address: '漫香湖小区3号楼一单元住户水龙头',
    point: 'tap', fieldChlorine: 'absent', fieldChlorineMgL: null,
    labResults: { totalHardness: 312, tds: 288, conductivity: 436, nitrate: 9.6, fluoride: 0.38, chloride: 41, sulfate: 69, freeChlorine: 0.02 },
    labName: LAB, reportOn: '2024-01-12', note: '住户龙头水，现场余氯试剂不显色',
    links: [{ inspection: '对疑似双水源用水户芒果一号酒店、漫香湖小区进行调研督导' }, { account: '漫香湖小区物业服务中心', households: 420 }, { suspectCheck: '漫香湖小区物业服务中心', households: 420 }],
  },
  {
    code: 'SY-20240109-03', sampledOn: '2024-01-09', sampledBy: '市封停办督导组', unit: '七里园社区第2网格', card: '七里园社区第2网格/芒果一号酒店', address: '芒果一号酒店一楼厨房水龙头',
    point: 'tap', fieldChlorine: 'present', fieldChlorineMgL: 0.32,
    labResults: { totalHardness: 138, tds: 181, conductivity: 277, nitrate: 1.1, fluoride: 0.21, chloride: 18, sulfate: 32, freeChlorine: 0.3 },
    labName: LAB, reportOn: '2024-01-12', note: '酒店厨房龙头水',
    links: [{ inspection: '对疑似双水源用水户芒果一号酒店、漫香湖小区进行调研督导' }, { account: '芒果一号酒店' }, { suspectCheck: '芒果一号酒店' }],
  },
];
