import { expect } from 'chai';
import { renderNoticePage } from '../../../src/announcements/notice-page.view.js';

const model = {
  text: { lang: 'ar', title: '<script>alert(1)</script> "تنبيه"', body: 'سطر أول\nسطر ثانٍ\n\n<img src=x onerror=alert(1)>' },
  direction: 'rtl' as const,
  urgent: true,
  urgentLabel: 'عاجل',
  publisher: 'مكتب شؤون الهجرة في البلدية',
  expired: false,
  link: { label: 'لمزيد من المعلومات', href: 'https://comune.example/x?a=1&b="2"' },
  otherLanguages: { label: 'لغات أخرى', items: [{ lang: 'it', name: 'Italiano', href: '/n/s/it' }] },
};

describe('renderNoticePage', () => {
  it('Arabic notice with hostile text: lang/dir set, every staff-written string escaped, no script or external asset', () => {
    const html = renderNoticePage(model);
    expect(html).to.match(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    expect(html).not.to.match(/<script|<img/);
    expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;تنبيه&quot;');
    expect(html).to.contain('href="https://comune.example/x?a=1&amp;b=&quot;2&quot;"');
    expect(html).to.contain('<p>سطر أول<br>سطر ثانٍ</p>');
    expect(html).to.contain('<a href="/n/s/it" hreflang="it" lang="it">Italiano</a>');
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u!.startsWith('/'))).to.deep.equal(['https://comune.example/x?a=1&amp;b=&quot;2&quot;']);
  });
});
