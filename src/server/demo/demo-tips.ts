/**
 * The demo campaign's tips: a ledger whose history reproduces bulletin 第12期's table as of
 * 2024-01-12 (合计 79/79/79/100%/35), plus a few tips that came in after it. Deterministic.
 */
const DISTRICTS: { name: string; tips: number; valid: number; late: number }[] = [
  { name: '卧龙区', tips: 22, valid: 8, late: 2 },
  { name: '宛城区', tips: 29, valid: 8, late: 2 },
  { name: '高新区', tips: 14, valid: 8, late: 1 },
  { name: '城乡一体化示范区', tips: 14, valid: 11, late: 1 },
];
const CHANNELS = ['12345热线', '电话', '来信', '微信', '来访', '领导批转'];
const TEXTS = [
  '小区地下室水泵房有一眼井一直在抽水，楼上住户反映水有异味', '某洗车行用井水洗车，门口下水道常年流水', '酒店后院有井，晚上用水泵抽水', '城中村多户仍在用压水井',
  '厂区内有自备井未封，夜间抽水', '浴池用深井水，自来水表几乎不走', '学校操场旁井房有抽水声', '小区物业说井已经封了，但是水泵还在用',
];
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const DEMO_TIP_HEADER = ['线索编号', '受理日期', '来源渠道', '所属区', '交办日期', '办结日期', '是否有效', '内容'];

export function demoTipRows(): string[][] {
  const rows: string[][] = [];
  let n = 0;
  for (const d of DISTRICTS) {
    for (let i = 0; i < d.tips; i++) {
      n += 1;
      const received = addDays('2023-12-04', (n * 5) % 36);
      const assigned = addDays(received, n % 2);
      const closed = [addDays(assigned, 2 + (n % 4)), '2024-01-12'].sort()[0]!;
      rows.push([`JB2023${String(n).padStart(4, '0')}`, received, CHANNELS[n % CHANNELS.length]!, d.name, assigned, closed, i < d.valid ? '是' : '否', `${d.name}：${TEXTS[n % TEXTS.length]}`]);
    }
  }
  // after the bulletin's cut-off: some closed, some still being handled
  for (const d of DISTRICTS) {
    for (let i = 0; i < d.late; i++) {
      n += 1;
      const received = addDays('2024-01-15', n % 20);
      rows.push([`JB2024${String(n).padStart(4, '0')}`, received, CHANNELS[n % CHANNELS.length]!, d.name, addDays(received, 1), i === 0 ? addDays(received, 6) : '', i === 0 ? '是' : '', `${d.name}：${TEXTS[n % TEXTS.length]}`]);
    }
  }
  return rows;
}
