import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { fillPlaceholders, parseContentFile } from '../../../src/content-library/content-file.parser.js';

const NOW = new Date('2026-03-01T00:00:00Z');
const file = (front: string, body: string) => `---\n${front}\n---\n${body}`;

describe('parseContentFile', () => {
  it('every file in content/: parses, has it/en/zh-Hans/ar, and declares every placeholder it uses', () => {
    const dir = new URL('../../../content/', import.meta.url);
    const names = readdirSync(dir).filter((n) => n.endsWith('.md') && n !== 'README.md');
    expect(names).to.have.length(7);
    for (const name of names) {
      const template = parseContentFile(name, readFileSync(new URL(name, dir), 'utf8'), NOW);
      expect(Object.keys(template.texts), name).to.include.members(['it', 'en', 'zh-Hans', 'ar']);
    }
  });

  it('sections: one per `# [lang] Title`, bodies trimmed', () => {
    const t = parseContentFile('x.md', file('id: x1\ntopics: [desk]\npriority: normal', '# [it] Titolo\n\nCorpo.\n\n# [ar] عنوان\n\nنص.\n'), NOW);
    expect(t.texts).to.deep.equal({ it: { title: 'Titolo', body: 'Corpo.' }, ar: { title: 'عنوان', body: 'نص.' } });
  });

  it('refuses an unsupported language, a missing source and an undeclared placeholder, naming each', () => {
    const parse = () => parseContentFile('bad.md', file('id: x1\ntopics: [desk]\npriority: normal', '# [en] T\n\nB {{when}}\n\n# [xx] T\n\nB'), NOW);
    expect(parse).to.throw(/^bad\.md: /);
    expect(parse).to.throw(/unsupported language \[xx\]/);
    expect(parse).to.throw(/\{\{when\}\} which the front matter does not declare/);
    expect(parse).to.throw(/no \[it\] section/);
  });

  it('refuses unknown front matter keys and topics', () => {
    expect(() => parseContentFile('bad.md', file('id: x1\ntopics: [taxes]\npriority: normal\nsend: true', '# [it] T\n\nB'), NOW)).to.throw(/topics.*|send/);
  });

  it('fillPlaceholders: replaces declared names, tolerates spaces inside braces', () => {
    expect(fillPlaceholders('Dal {{ fromDate }}: {{newHours}}', { fromDate: '02/03', newHours: '9:00–12:30' })).to.equal('Dal 02/03: 9:00–12:30');
  });
});
