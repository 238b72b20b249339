/**
 * The demo campaign's wells and its “决战六月” task list: ledger rows whose history reproduces the
 * daily notice of bulletin 第30期 (as of 2024-06-23) exactly, plus the wells bulletin 第12期 tells of.
 * Rows go through the same ledger import as any office's sheet. Deterministic.
 */
export const DEMO_CAMPAIGN = { name: '决战六月', title: '中心城区“飓风”行动“决战六月”日通报', startsOn: '2024-06-01', endsOn: '2024-06-30' };

type Target = { district: string; streets: string[]; seal: [number, number, number]; permit: [number, number, number] };
/** tasks, done by 6/23, done 6/24–6/30 */
const TARGETS: Target[] = [
  { district: '城乡一体化示范区', streets: ['白河街道', '枣林街道', '溧河街道', '新店街道', '高庙镇'], seal: [84, 33, 9], permit: [10, 0, 2] },
  { district: '卧龙区', streets: ['车站街道', '七一街道', '梅溪街道', '靳岗街道', '王村乡'], seal: [29, 21, 3], permit: [55, 4, 11] },
  { district: '宛城区', streets: ['东关街道', '新华街道', '汉冶街道', '五里堡街道'], seal: [38, 10, 6], permit: [0, 0, 0] },
  { district: '高新区', streets: ['张衡街道', '百里奚街道', '中关村街道'], seal: [34, 9, 4], permit: [57, 5, 8] },
];
const OWNERS = ['小区', '家属院', '宾馆', '洗车行', '机械厂', '学校', '幼儿园', '医院', '农贸市场', '食品厂', '驾校', '浴池', '物业公司', '养殖场'];
const USES = ['生活', '生产', '生活', '绿化', '生活', '消防'];

export type DemoGridRef = { code: string; district: string; street: string; community: string };

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const DEMO_WELL_HEADER = ['井编号', '区', '街道', '社区', '网格编号', '权属单位', '经度', '纬度', '井深', '用途', '处置方式', '发现日期', '任务批次', '完成日期'];

/** The rows; seal completions in 示范区 include 19 wells sealed over three days (6/19–6/21). */
export function demoWellRows(grids: readonly DemoGridRef[]): string[][] {
  const rows: string[][] = [];
  const used = new Map<string, number>();
  let k = 0;
  for (const t of TARGETS) {
    const pool = grids.filter((g) => g.district === t.district && t.streets.includes(g.street));
    // 崔庄社区 waits for its pipe-network switch: its wells are the open seal tasks of 卧龙区
    const cuizhuang = grids.filter((g) => g.community === '崔庄社区');
    for (const [disposition, [tasks, doneBy23, doneLater]] of [['应封停', t.seal], ['应纳管', t.permit]] as const) {
      for (let i = 0; i < tasks; i++) {
        const openTask = i >= doneBy23 + doneLater;
        const g = t.district === '卧龙区' && disposition === '应封停' && openTask && cuizhuang.length ? cuizhuang[i % cuizhuang.length]! : pool[(i * 7 + k) % pool.length]!;
        const n = (used.get(g.code) ?? 0) + 1;
        used.set(g.code, n);
        let completed = '';
        if (i < doneBy23) {
          completed = t.district === '城乡一体化示范区' && disposition === '应封停' && i >= doneBy23 - 19 ? addDays('2024-06-19', (i % 3)) : addDays('2024-06-01', (i * 5) % 18);
        } else if (i < doneBy23 + doneLater) {
          completed = addDays('2024-06-24', i % 7);
        }
        const owner = `${g.community.replace(/社区|村$/, '')}${OWNERS[(i + k) % OWNERS.length]}`;
        rows.push([
          `${g.code}J${String(n).padStart(2, '0')}`, g.district, g.street, g.community, g.code, owner,
          (112.48 + ((i * 37 + k * 11) % 120) / 1000).toFixed(5), (32.99 + ((i * 53 + k * 7) % 80) / 1000).toFixed(5),
          String(40 + ((i * 13) % 160)), USES[(i + k) % USES.length]!, disposition, addDays('2023-12-10', (i * 3 + k) % 100), DEMO_CAMPAIGN.name, completed,
        ]);
      }
      k += 1;
    }
  }
  return rows;
}

/** Wells bulletin 第12期 tells of, found by inspections after the survey (not in the task list). */
export function demoFoundWells(grids: readonly DemoGridRef[]): { row: string[]; foundVia: 'inspection' | 'heat_pump'; remark: string }[] {
  const grid = (name: string, n = 1) => grids.find((g) => g.community === name && g.code.endsWith(String(n).padStart(3, '0')))!;
  const out: { row: string[]; foundVia: 'inspection' | 'heat_pump'; remark: string }[] = [];
  const add = (g: DemoGridRef, serial: string, owner: string, use: string, on: string, foundVia: 'inspection' | 'heat_pump', remark: string) =>
    out.push({ row: [`${g.code}J${serial}`, g.district, g.street, g.community, g.code, owner, '112.53', '33.01', '', use, '', on, '', ''], foundVia, remark });
  add(grid('七里园社区'), '51', '漫香湖小区（东广场东北角）', '生活', '2024-01-09', 'inspection', '市封停办督导发现，使用中；网格排查未申报');
  for (let i = 1; i <= 3; i++) add(grid('三川社区'), `5${i}`, '三川盛唐商务苑', '生活', '2024-01-11', 'inspection', '群众多次举报，市封停办现场排查查实');
  for (let i = 1; i <= 4; i++) add(grid('兴隆社区'), `5${i}`, '人力大厦（地温空调）', i % 2 ? '地温空调取水' : '地温空调回灌', '2024-01-11', 'heat_pump', '网格登记 1 眼，实际 5 眼，漏排 4 眼');
  add(grid('长江社区'), '51', '鸿运招待所租赁家属院', '生活', '2024-01-11', 'inspection', '现场新发现，社区网格排查未发现');
  return out;
}
