import { randomBytes } from 'node:crypto';

/** Body of `POST /api/v1/announcements`, as an outside script would send it; override any field. */
export function buildAnnouncementInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourceLanguage: 'it',
    title: `Rinnovo del permesso di soggiorno ${randomBytes(3).toString('hex')}`,
    body: 'Il permesso di soggiorno va rinnovato almeno 60 giorni prima della scadenza.\n\nPrenota un appuntamento allo Sportello Immigrazione.',
    topics: ['permits'],
    priority: 'normal',
    ...overrides,
  };
}

/** A translation body (`PUT /translations/:lang`) with realistic text for the languages the tests use. */
export function buildTranslationInput(lang: string, overrides: Record<string, unknown> = {}): { title: string; body: string } {
  const texts: Record<string, { title: string; body: string }> = {
    en: { title: 'Residence permit renewal', body: 'Renew your residence permit at least 60 days before it expires.\n\nBook an appointment at the Immigration desk.' },
    ar: { title: 'تجديد تصريح الإقامة', body: 'يجب تجديد تصريح الإقامة قبل 60 يومًا على الأقل من انتهاء صلاحيته.\n\nاحجزوا موعدًا في مكتب الهجرة.' },
    'zh-Hans': { title: '居留许可续签', body: '请在居留许可到期前至少60天办理续签。\n\n请在移民服务窗口预约。' },
    sq: { title: 'Rinovimi i lejes së qëndrimit', body: 'Rinovoni lejen e qëndrimit të paktën 60 ditë para skadimit.' },
  };
  return { ...(texts[lang] ?? { title: `Title ${lang}`, body: `Body ${lang}` }), ...overrides } as { title: string; body: string };
}
