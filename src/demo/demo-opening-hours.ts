/**
 * The demo's office hours as its sample texts say them, in each text's own language. They must state what the
 * demo runs with (`INBOX_OPENING_HOURS` left unset in demo mode: `Mon-Fri 09:00-13:00; Tue,Thu 14:30-17:00`, see
 * `platform/config.ts`), or the acknowledgement a citizen receives would contradict the notice and the saved reply
 * (`test/e2e/demo/demo-texts.test.ts` holds them to it).
 */
export const DEMO_HOURS_IN_WORDS = {
  it: 'dal lunedì al venerdì 9:00–13:00; martedì e giovedì anche 14:30–17:00',
  en: 'Monday to Friday 9:00–13:00; Tuesday and Thursday also 14:30–17:00',
  'zh-Hans': '周一至周五 9:00–13:00；周二和周四下午另开 14:30–17:00',
  ar: 'من الاثنين إلى الجمعة 9:00–13:00، ويومَي الثلاثاء والخميس أيضًا 14:30–17:00',
} as const;
