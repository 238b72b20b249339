import { describe, expect, it } from 'vitest';
import { keepTextUnlessChanged, keepUnlessChanged, looksMasked, maskedNumbersIn, maskIdNumber, maskPersonalText, maskPhone } from './masking.js';

describe('masking personal information', () => {
  it('masks a mobile number to 138****1234 and a landline keeping its ends', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('138 1234 1234')).toBe('138****1234');
    expect(maskPhone('0377-63123456')).toBe('037******3456');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone(null)).toBeNull();
  });

  it('masks an ID-card number to 4101**********1234, old 15-digit ones too', () => {
    expect(maskIdNumber('41010219900101123X')).toBe('4101**********123X');
    expect(maskIdNumber('410102199001011234')).toBe('4101**********1234');
    expect(maskIdNumber('410102900101123')).toBe('4101*******1123');
    expect(maskIdNumber('')).toBeNull();
  });

  it('masks every phone and ID number inside free text, and nothing else', () => {
    expect(maskPersonalText('物业经理 王某 13803770000')).toBe('物业经理 王某 138****0000');
    expect(maskPersonalText('身份证410102199001011234，电话0377-63123456、+86 13912345678')).toBe('身份证4101**********1234，电话037******3456、+86*******5678');
    // a 7-digit tap account or a case number is left alone
    expect(maskPersonalText('户号 9990001，宛水罚〔2024〕3号')).toBe('户号 9990001，宛水罚〔2024〕3号');
    expect(maskPersonalText('')).toBe('');
  });

  it('keeps the stored value when the mask of it comes back, takes a new value, refuses other stars', () => {
    expect(keepUnlessChanged('138****1234', '13812341234', maskPhone)).toEqual({ value: '13812341234', ok: true });
    expect(keepUnlessChanged('13900000000', '13812341234', maskPhone)).toEqual({ value: '13900000000', ok: true });
    expect(keepUnlessChanged(null, '13812341234', maskPhone)).toEqual({ value: null, ok: true });
    expect(keepUnlessChanged('138****9999', '13812341234', maskPhone).ok).toBe(false);
    expect(keepUnlessChanged('138****1234', null, maskPhone).ok).toBe(false);
    expect(looksMasked('138****1234')).toBe(true);
    expect(looksMasked('13812341234')).toBe(false);
  });

  it('keeps free text with numbers when its masked form comes back, refuses an edit that would store stars for a number', () => {
    const stored = '当事人（身份证号410102199001011234，电话13911112222）隐瞒自备井1眼';
    const shown = maskPersonalText(stored);
    expect(maskedNumbersIn(shown)).toEqual(['4101**********1234', '139****2222']);
    expect(keepTextUnlessChanged(shown, stored)).toEqual({ value: stored, ok: true });
    // changed, with the numbers written out again or removed: taken as typed
    expect(keepTextUnlessChanged(`${stored}（补充）`, stored)).toEqual({ value: `${stored}（补充）`, ok: true });
    expect(keepTextUnlessChanged('当事人隐瞒自备井1眼', stored)).toEqual({ value: '当事人隐瞒自备井1眼', ok: true });
    // changed while still carrying a mask: the number behind it would be lost
    expect(keepTextUnlessChanged(`${shown}（补充）`, stored).ok).toBe(false);
    expect(keepTextUnlessChanged('电话 138****1234', null).ok).toBe(false);
    // stars that were stored as stars, and a star that is no number, are no obstacle
    expect(keepTextUnlessChanged('原文 138****1234，补充', '原文 138****1234').ok).toBe(true);
    expect(keepTextUnlessChanged('井深 3*5 米，**重点**', '旧文').ok).toBe(true);
  });
});
