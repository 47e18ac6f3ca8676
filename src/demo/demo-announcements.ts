import type { Logger } from '../platform/logging/logger.js';
import { createDemoApi } from './demo-api.js';

/**
 * Sample announcements for `npm run demo`, written on the first start only, through the service's own
 * public API with the demo admin's token — exactly what staff and mediators would do by hand:
 * one notice published and sent to the simulated groups (Chinese and Arabic go out; Albanian, Romanian
 * and Urdu wait for a mediator), one waiting for its translations, one still a draft.
 */
interface SampleNotice {
  template: string;
  values: Record<string, string>;
  approve: string[];
  publish: boolean;
}

const SAMPLES: SampleNotice[] = [
  {
    template: 'desk-opening-hours-change',
    values: { fromDate: '01/12/2026', newHours: 'Mon–Fri 9:00–12:30, Thu 14:30–17:30' },
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
    for (const lang of sample.approve) await call('POST', `/announcements/${String(created.id)}/translations/${lang}/approve`);
    if (sample.publish) await call('POST', `/announcements/${String(created.id)}/publish`, {});
  }
  log.info({ announcements: SAMPLES.length }, 'demo announcements written');
}
