/**
 * The articles of law a case rests on (法律依据), as a small vocabulary: the articles the campaign
 * works under (REFERENCE.md, “Law that the workflows follow”). Several may apply to one case.
 * Sheets and forms name them the way documents do (《地下水管理条例》第五十八条, 第58条). Pure.
 */
export const LAWS = {
  gwr: '地下水管理条例',
  wpr: '取水许可和水资源费征收管理条例',
} as const;
export type LawCode = keyof typeof LAWS;

export type LegalArticle = { code: string; law: LawCode; article: number; subject: string };

export const LEGAL_ARTICLES: readonly LegalArticle[] = [
  { code: 'gwr-22', law: 'gwr', article: 22, subject: '取水单位应当安装取水计量设施' },
  { code: 'gwr-29', law: 'gwr', article: 29, subject: '应急备用水源应急结束后停止取水、封存备用' },
  { code: 'gwr-35', law: 'gwr', article: 35, subject: '公共供水管网覆盖范围内禁止开采地下水' },
  { code: 'gwr-49', law: 'gwr', article: 49, subject: '地下水取水工程登记造册，应封井的由所有权人封井或回填' },
  { code: 'gwr-51', law: 'gwr', article: 51, subject: '地源热泵系统同层回灌、等量回灌，取水和回灌均须计量' },
  { code: 'gwr-56', law: 'gwr', article: 56, subject: '未安装取水计量设施的，责令限期安装，处十万元以上五十万元以下罚款' },
  { code: 'gwr-58', law: 'gwr', article: 58, subject: '未按规定封井或回填的，责令限期封井或回填，处十万元以上五十万元以下罚款' },
  { code: 'gwr-63', law: 'gwr', article: 63, subject: '地源热泵抽水井、回灌井属于地下水取水工程' },
  { code: 'wpr-20', law: 'wpr', article: 20, subject: '公共供水管网能够满足用水需要的，不批准建设自备取水工程' },
  { code: 'wpr-24', law: 'wpr', article: 24, subject: '取水许可证载明的事项' },
  { code: 'wpr-25', law: 'wpr', article: 25, subject: '取水许可有效期及延续' },
  { code: 'wpr-44', law: 'wpr', article: 44, subject: '连续停止取水满2年的，注销取水许可证' },
];
export const LEGAL_ARTICLE_CODES = LEGAL_ARTICLES.map((a) => a.code);

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 58 → 五十八, 20 → 二十, 10 → 十, 105 → 一百零五 (article numbers as laws print them). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`;
}

/** 五十八 → 58, 二十 → 20, 十 → 10, '58' → 58; null when not a number. */
export function parseChineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    const d = DIGITS.indexOf(ch);
    if (d >= 0) digit = d;
    else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    }
    else return null;
  }
  total += digit;
  return total > 0 ? total : null;
}

/** 《地下水管理条例》第五十八条 */
export function articleTitle(a: LegalArticle): string {
  return `《${LAWS[a.law]}》第${chineseNumber(a.article)}条`;
}

export function legalArticle(code: string): LegalArticle | undefined {
  return LEGAL_ARTICLES.find((a) => a.code === code);
}

/** The titles of several articles as one phrase: 《地下水管理条例》第四十九条、第五十八条. */
export function legalBasisText(codes: readonly string[]): string {
  const parts: string[] = [];
  let lastLaw: LawCode | null = null;
  for (const a of codes.map(legalArticle).filter((x): x is LegalArticle => !!x)) {
    parts.push(a.law === lastLaw ? `第${chineseNumber(a.article)}条` : articleTitle(a));
    lastLaw = a.law;
  }
  return parts.join('、');
}

/**
 * Reads the articles a sheet or a clerk names: “《地下水管理条例》第四十九条、第五十八条”,
 * “地下水管理条例第58条；取水许可和水资源费征收管理条例第二十条”, or the codes (gwr-58).
 * An article named without its law belongs to the law named before it (or 地下水管理条例).
 * Returns the codes, and what could not be read.
 */
export function parseLegalBasis(text: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  let law: LawCode = 'gwr';
  for (const raw of text.split(/[、；;，,\n]+/).map((s) => s.trim()).filter(Boolean)) {
    if (LEGAL_ARTICLE_CODES.includes(raw)) {
      if (!codes.includes(raw)) codes.push(raw);
      continue;
    }
    const m = /^(?:《?(地下水管理条例|取水许可和水资源费征收管理条例)》?)?\s*第\s*([零一二三四五六七八九十百\d]+)\s*条/.exec(raw);
    if (m?.[1]) law = m[1] === LAWS.gwr ? 'gwr' : 'wpr';
    const n = m ? parseChineseNumber(m[2]!) : null;
    const hit = n ? LEGAL_ARTICLES.find((a) => a.law === law && a.article === n) : undefined;
    if (!hit) unknown.push(raw);
    else if (!codes.includes(hit.code)) codes.push(hit.code);
  }
  return { codes, unknown };
}
