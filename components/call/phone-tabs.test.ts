import { describe, expect, it } from 'vitest';
import { isPhoneTab, phoneTabClass, tabLabel } from './phone-tabs';

describe('phoneTabClass', () => {
  it('hides a panel on phones only while another tab shows', () => {
    expect(phoneTabClass('qa', 'qa')).toBe('');
    expect(phoneTabClass('people', 'now', 'people')).toBe('');
    expect(phoneTabClass('now', 'qa')).toBe('max-md:hidden');
  });
});

describe('tabLabel', () => {
  it('says what is new on a tab after its name, and nothing when nothing is', () => {
    expect(tabLabel('qa', 3)).toBe('Q&A, 3 new');
    expect(tabLabel('polls', 0)).toBe('Polls');
  });
});

describe('isPhoneTab', () => {
  it('accepts the tabs kept in sessionStorage and nothing else', () => {
    expect(isPhoneTab('minutes')).toBe(true);
    expect(isPhoneTab('settings')).toBe(false);
    expect(isPhoneTab(null)).toBe(false);
  });
});
