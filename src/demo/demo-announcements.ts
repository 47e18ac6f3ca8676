import type { Logger } from '../platform/logging/logger.js';
import { createDemoApi } from './demo-api.js';
import { DEMO_HOURS_IN_WORDS } from './demo-opening-hours.js';

/**
 * Sample announcements for `npm run demo`, written on the first start only, through the service's own
 * public API with the demo admin's token — exactly what staff and mediators would do by hand:
 * one notice published and sent to the simulated groups (Chinese and Arabic go out; the Albanian, Romanian
 * and Urdu groups get nothing, as nobody chose their languages), one waiting for its translations, one still a
 * draft.
 */
interface SampleNotice {
  template: string;
  values: Record<string, string>;
  /** Per language, a value written in that language in place of the one in `values` (the template has one for all). */
  localized?: Record<string, Record<string, string>>;
  approve: string[];
  publish: boolean;
}

const SAMPLES: SampleNotice[] = [
  {
    template: 'desk-opening-hours-change',
    values: { fromDate: '01/12/2026', newHours: DEMO_HOURS_IN_WORDS.it },
    localized: {
      en: { newHours: DEMO_HOURS_IN_WORDS.en },
      'zh-Hans': { newHours: DEMO_HOURS_IN_WORDS['zh-Hans'] },
      ar: { newHours: DEMO_HOURS_IN_WORDS.ar },
    },
    approve: ['en', 'zh-Hans', 'ar'],
    publish: true,
  },
  { template: 'residence-permit-renewal', values: {}, approve: ['en'], publish: false },
  { template: 'school-enrolment', values: {}, approve: [], publish: false },
];

export async function writeDemoAnnouncements(baseUrl: string, token: string, log: Logger): Promise<void> {
  const call = createDemoApi(baseUrl, token);
  const existing = await call('GET', '/announcements?limit=1');
  if ((existing.items as unknown[]).length > 0) return;
  for (const sample of SAMPLES) {
    const template = await call('GET', `/templates/${sample.template}`);
    const placeholders = Object.keys((template.placeholders as Record<string, string> | undefined) ?? {});
    const values = Object.fromEntries(placeholders.map((name) => [name, sample.values[name] ?? name]));
    const created = await call('POST', `/templates/${sample.template}/announcements`, { values });
    for (const [lang, own] of Object.entries(sample.localized ?? {})) await writeLocalized(call, created, lang, values, own);
    for (const lang of sample.approve) await call('POST', `/announcements/${String(created.id)}/translations/${lang}/approve`);
    if (sample.publish) await call('POST', `/announcements/${String(created.id)}/publish`, {});
  }
  log.info({ announcements: SAMPLES.length }, 'demo announcements written');
}

/** Puts `lang`'s own words for the placeholder values into its translation, as a mediator would correct it. */
async function writeLocalized(call: ReturnType<typeof createDemoApi>, created: Record<string, unknown>, lang: string, values: Record<string, string>, own: Record<string, string>): Promise<void> {
  const translation = (created.translations as Record<string, { title?: string; body?: string }>)[lang];
  if (!translation?.title || !translation.body) return;
  let body = translation.body;
  for (const [name, value] of Object.entries(own)) if (values[name]) body = body.split(values[name]).join(value);
  await call('PUT', `/announcements/${String(created.id)}/translations/${lang}`, { title: translation.title, body });
}
