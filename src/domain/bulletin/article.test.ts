import { describe, expect, it } from 'vitest';
import { displayTitle, nextArticleActions, normaliseParagraphs, transitionArticle, writableCategories } from './article.js';

describe('article workflow', () => {
  const district = { approver: false, author: true };
  const city = { approver: true, author: false };
  it('a district drafts and submits; the city office approves or returns with a reason', () => {
    expect(transitionArticle('draft', 'submit', district)).toBe('submitted');
    expect(() => transitionArticle('submitted', 'approve', district)).toThrow('只有市封停办可以审核通过');
    expect(transitionArticle('submitted', 'approve', city)).toBe('approved');
    expect(() => transitionArticle('submitted', 'return', city)).toThrow('退回须填写原因');
    expect(transitionArticle('submitted', 'return', city, '数字有误')).toBe('draft');
    expect(() => transitionArticle('used', 'withdraw', city)).toThrow('稿件已刊用在简报中');
  });
  it('the city office may approve its own draft, not another office draft', () => {
    expect(transitionArticle('draft', 'approve', { approver: true, author: true })).toBe('approved');
    expect(() => transitionArticle('draft', 'approve', city)).toThrow('须先由作者提交审核');
    expect(nextArticleActions('draft', { approver: true, author: true })).toEqual(['approve']);
    expect(nextArticleActions('draft', district)).toEqual(['submit']);
    expect(nextArticleActions('submitted', city)).toEqual(['approve', 'return']);
  });
  it('districts write 工作信息 only; titles carry the district in a bulletin', () => {
    expect(writableCategories(false)).toEqual(['info']);
    expect(displayTitle({ category: 'info', title: '召开专题会议', district: '卧龙区' })).toBe('卧龙区：召开专题会议');
    expect(displayTitle({ category: 'work', title: '召开会议', district: null })).toBe('召开会议');
  });
  it('keeps paragraphs as plain text lines', () => {
    expect(normaliseParagraphs(['  第一段\n\n第二段 ', '', '<b>第三段</b>\u0007'])).toEqual(['第一段', '第二段', '<b>第三段</b>']);
  });
});
