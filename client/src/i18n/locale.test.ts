import { describe, expect, it } from 'vitest';
import { i18n, loadInitialLocale, setLocale, toggleLocale } from './index';

describe('the languages', () => {
  it('starts in Vietnamese without the English messages, and fetches them when English is chosen', async () => {
    // No stored preference here (no localStorage in this environment): Vietnamese.
    await loadInitialLocale();
    expect(i18n.global.locale.value).toBe('vi');
    expect(i18n.global.availableLocales).not.toContain('en');
    expect(i18n.global.t('app.home')).not.toBe('Home');

    await setLocale('en');
    expect(i18n.global.locale.value).toBe('en');
    expect(i18n.global.t('app.home')).toBe('Home');

    await toggleLocale();
    expect(i18n.global.locale.value).toBe('vi');
    await toggleLocale();
    expect(i18n.global.t('app.home')).toBe('Home');
  });
});
