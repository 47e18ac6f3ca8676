/**
 * The notice pages' stylesheet, served at /n/notice.css. A TypeScript string rather than a .css file so
 * it ships inside the compiled build (dist/ holds only what tsc emits). Logical properties
 * (margin-inline, border-block-end) make RTL pages mirror by themselves.
 */
export const NOTICE_PAGE_CSS = `* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 17px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", "Noto Naskh Arabic", sans-serif; color: #1b1b1b; background: #fafafa; }
main, nav { max-width: 40rem; margin: 0 auto; padding: 1rem 1.25rem; }
main { background: #fff; border-block-end: 1px solid #e2e2e2; }
.publisher { margin: 0 0 .5rem; font-size: .85rem; color: #555; }
h1 { margin: .25rem 0 .75rem; font-size: 1.45rem; line-height: 1.3; }
.badge { display: inline-block; margin: 0; padding: .1rem .6rem; border-radius: .25rem; background: #b00020; color: #fff; font-weight: 700; }
.urgent h1 { color: #8a0018; }
.validity { margin: 0 0 1rem; font-size: .9rem; color: #555; }
.expired .validity { color: #8a0018; font-weight: 600; }
p { margin: 0 0 1rem; overflow-wrap: anywhere; }
a { color: #0b57d0; }
nav h2 { font-size: 1rem; margin: .5rem 0; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
nav a { display: inline-block; padding: .35rem .7rem; border: 1px solid #c9c9c9; border-radius: 1rem; text-decoration: none; background: #fff; }
`;
