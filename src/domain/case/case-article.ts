/**
 * The 工作信息 draft written from a typical case (典型案例): who, what, which articles, what
 * penalty — a short text the district's office then edits and sends for approval. Pure.
 */
import { formatChineseDate } from '../shared/dates.js';
import { fineText, VIOLATION_PHRASES, type CaseState, type Violation, isDecided } from './case.js';
import { legalBasisText } from './legal-basis.js';

export type CaseForArticle = {
  number: string;
  filedOn: string;
  district: string;
  partyName: string;
  violation: Violation;
  violationOther: string | null;
  legalBasis: readonly string[];
  facts: string;
  fineYuan: number | null;
  otherMeasures: string;
  state: CaseState;
  decidedOn: string | null;
  closedOn: string | null;
  executionNote: string | null;
  wells: number;
};

const sentence = (s: string) => (/[。！？]$/.test(s) ? s : `${s}。`);

function phrase(c: CaseForArticle): string {
  return c.violation === 'other' ? (c.violationOther ?? '违法取用地下水') : VIOLATION_PHRASES[c.violation];
}

export function caseArticleDraft(c: CaseForArticle): { title: string; paragraphs: string[] } {
  const what = phrase(c);
  const party = c.partyName.length > 30 ? `${c.partyName.slice(0, 30)}…` : c.partyName;
  const title = `依法查处${party}${what}案`.slice(0, 80);

  const opening = [
    `${formatChineseDate(c.filedOn)}，${c.district}水利执法部门对${c.partyName}${what}问题立案查处（${c.number}）`,
    c.wells > 0 ? `，涉及自备井${c.wells}眼。` : '。',
    c.facts.trim() ? `经查，${sentence(c.facts.trim())}` : '',
  ].join('');

  const penalty = [c.fineYuan && c.fineYuan > 0 ? `处罚款${fineText(c.fineYuan)}` : '', c.otherMeasures.trim()].filter(Boolean).join('，');
  const basis = c.legalBasis.length ? `依据${legalBasisText(c.legalBasis)}的规定，` : '';
  const decision = isDecided(c.state)
    ? `${basis}${c.decidedOn ? `${formatChineseDate(c.decidedOn)}，` : ''}执法部门对当事人作出处罚决定：${penalty || '依法处理'}。`
      + (c.state === 'closed' ? `目前处罚决定已执行到位${c.executionNote ? `（${c.executionNote.replace(/[。；;]$/, '')}）` : ''}，案件已结案。` : '')
    : `${basis}案件正在依法办理中。`;

  const closing = '对拒不配合、隐瞒不报、私自启用自备井等行为，将依法从严查处，以典型案例形成震慑，推动自备井封停工作全面落实。';
  return { title, paragraphs: [opening, decision, closing] };
}
