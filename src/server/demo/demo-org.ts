/**
 * The demo campaign's hierarchy: Nanyang's four central districts with exactly the grid counts
 * of the seed bulletin (卧龙区 504, 宛城区 241, 高新区 118, 城乡一体化示范区 289). Street and
 * community names are partly from the seeds, partly invented; codes follow the 15-digit
 * district(6)+street(3)+community(3)+grid(3) style. Deterministic: the same rows every time.
 */
import type { OrgImportRow } from '../../domain/org/org-import.js';

// the grids were drawn before the campaign's survey phase began (bulletin 第12期 is of 2024-01-14)
export const DEMO_CITY = { name: '南阳市', code: '411300', openedOn: '2023-11-01' };

type StreetSpec = { name: string; communities: string[] };
type DistrictSpec = { name: string; code: string; grids: number; streets: StreetSpec[] };

const village = (names: string) => names.split(' ').map((n) => `${n}村`);
const community = (names: string) => names.split(' ').map((n) => `${n}社区`);

export const DEMO_DISTRICTS: DistrictSpec[] = [
  {
    name: '卧龙区', code: '411303', grids: 504,
    streets: [
      { name: '七一街道', communities: community('建设路 和平 人民路 新华西 文化路 工业南') },
      { name: '卧龙岗街道', communities: community('卧龙岗 武侯祠 汉画馆 诸葛庐 龙井') },
      { name: '光武街道', communities: community('光彩 榆树庄 麒麟 光武 中州路 民主') },
      { name: '武侯街道', communities: community('武侯 仲景北 独山 滨河西 孔明路') },
      { name: '梅溪街道', communities: community('梅溪 白河湾 卧龙路 丁香 玉兰') },
      { name: '车站街道', communities: community('崔庄 车站南 新建 解放路 铁路') },
      { name: '靳岗街道', communities: community('靳岗 孟营 王营 张庄 李营') },
      { name: '王村乡', communities: village('王村 贺营 杨营 宋营 东岗') },
      { name: '蒲山镇', communities: village('蒲山 禹山 老庄 焦庄') },
    ],
  },
  {
    name: '宛城区', code: '411302', grids: 241,
    streets: [
      { name: '东关街道', communities: community('东关 三川 荷花广场 向阳 温凉河') },
      { name: '新华街道', communities: community('新华 淯阳桥 大寨 胜利') },
      { name: '汉冶街道', communities: community('汉冶 瓦房庄 宛运 红旗') },
      { name: '仲景街道', communities: community('仲景 医圣祠 张衡路 团结') },
      { name: '五里堡街道', communities: community('五里堡 金苑 大自然 建发') },
      { name: '溧河乡', communities: village('溧河 枣庄 陈营 郭庄') },
    ],
  },
  {
    name: '高新区', code: '411371', grids: 118,
    streets: [
      { name: '张衡街道', communities: community('七里园 漫香湖 张衡 芒果') },
      { name: '百里奚街道', communities: community('百里奚 卧龙大道 光电 油田') },
      { name: '中关村街道', communities: community('王庄 科技园 创新 双铺') },
      { name: '新店乡', communities: village('新店 夏庄 熊营') },
    ],
  },
  {
    name: '城乡一体化示范区', code: '411372', grids: 289,
    streets: [
      { name: '白河街道', communities: community('白河 滨河东 范蠡 龙升 金华') },
      { name: '枣林街道', communities: community('兴隆 长江 枣林 鸿运 黄河路') },
      { name: '溧河街道', communities: community('溧河新区 姜营 牛王庙 十里庙') },
      { name: '新店街道', communities: community('新店东 邢庄 蒲山路 英庄') },
      { name: '高庙镇', communities: village('高庙 史营 辛庄 孙庄') },
    ],
  },
];

/** Spreads `total` over `n` slots as evenly as possible, larger shares first. */
function spread(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total % n ? 1 : 0));
}

const gridName = (communityName: string, n: number) => `${communityName}第${n}网格`;

export function demoOrgRows(): OrgImportRow[] {
  const rows: OrgImportRow[] = [];
  let rowNumber = 2;
  for (const d of DEMO_DISTRICTS) {
    const communities = d.streets.flatMap((s, si) => s.communities.map((c, ci) => ({ street: s, si, name: c, ci })));
    const counts = spread(d.grids, communities.length);
    communities.forEach((c, k) => {
      for (let g = 1; g <= counts[k]!; g++) {
        const code = `${d.code}${String(c.si + 1).padStart(3, '0')}${String(c.ci + 1).padStart(3, '0')}${String(g).padStart(3, '0')}`;
        rows.push({ rowNumber: rowNumber++, district: d.name, street: c.street.name, community: c.name, gridCode: code, gridName: gridName(c.name, g) });
      }
    });
  }
  return rows;
}
