import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSpool } from '../../../src/platform/spool/file-spool.js';

interface Note {
  text: string;
}

describe('file spool', () => {
  let root: string;
  let dir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sportello-spool-unit-'));
    dir = join(root, 'inbox-spool', 'service');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('three records appended, one removed: lists the other two', async () => {
    const spool = await FileSpool.open<Note>(dir);

    await spool.append('a1', { text: 'first' });
    await spool.append('b2', { text: 'second' });
    await spool.append('c3', { text: 'third' });
    await spool.remove('b2');

    expect((await spool.list()).records).to.have.deep.members([
      { id: 'a1', record: { text: 'first' } },
      { id: 'c3', record: { text: 'third' } },
    ]);
  });

  it('the same id appended twice: one record, the last one', async () => {
    const spool = await FileSpool.open<Note>(dir);

    await spool.append('a1', { text: 'old' });
    await spool.append('a1', { text: 'new' });

    expect((await spool.list()).records).to.deep.equal([{ id: 'a1', record: { text: 'new' } }]);
    expect(readdirSync(dir).sort()).to.deep.equal(['.owner', 'a1.json']);
  });

  it('reopened on the same folder (a restart): the records are still there', async () => {
    const before = await FileSpool.open<Note>(dir);
    await before.append('a1', { text: 'kept' });

    const after = await FileSpool.open<Note>(dir);

    expect((await after.list()).records).to.deep.equal([{ id: 'a1', record: { text: 'kept' } }]);
  });

  it('a record, readable and writable by its owner only, in a folder only the owner can enter', async () => {
    const spool = await FileSpool.open<Note>(dir);

    await spool.append('a1', { text: 'private' });

    expect(statSync(join(dir, 'a1.json')).mode & 0o777).to.equal(0o600);
    expect(statSync(dir).mode & 0o777).to.equal(0o700);
  });

  it('an id removed twice, or never written: no error', async () => {
    const spool = await FileSpool.open<Note>(dir);
    await spool.append('a1', { text: 'x' });

    await spool.remove('a1');
    await spool.remove('a1');
    await spool.remove('never');

    expect((await spool.list()).records).to.deep.equal([]);
  });

  it('an id that could name another folder: refused, nothing written', async () => {
    const spool = await FileSpool.open<Note>(dir);

    for (const id of ['../escape', 'a/b', 'a.json', '']) {
      let refused = false;
      await spool.append(id, { text: 'x' }).catch(() => (refused = true));
      expect(refused, id).to.equal(true);
    }
    expect(readdirSync(dir)).to.deep.equal(['.owner']);
    expect(readdirSync(join(root, 'inbox-spool'))).to.deep.equal(['service']);
  });

  it('a partial file left by a crash mid-write, and a file that is not JSON: the partial is dropped at open, the other set aside once', async () => {
    const first = await FileSpool.open<Note>(dir);
    await first.append('a1', { text: 'whole' });
    writeFileSync(join(dir, 'b2.json.partial-0123'), '{"text":"ha');
    writeFileSync(join(dir, 'c3.json'), 'not json');

    const reopened = await FileSpool.open<Note>(dir);
    const listed = await reopened.list();
    const again = await reopened.list();

    expect(listed).to.deep.equal({ records: [{ id: 'a1', record: { text: 'whole' } }], setAside: ['c3'] });
    expect(again.setAside).to.deep.equal([]);
    expect(readdirSync(dir).sort()).to.deep.equal(['.owner', 'a1.json', 'c3.unreadable']);
  });

  it('the folder’s owner id: made once, the same when the folder is opened again, another for another folder', async () => {
    const first = await FileSpool.open(join(root, 'one'));
    const again = await FileSpool.open(join(root, 'one'));
    const other = await FileSpool.open(join(root, 'two'));

    expect(first.ownerId).to.match(/^[a-f0-9]{16}$/);
    expect(again.ownerId).to.equal(first.ownerId);
    expect(other.ownerId).not.to.equal(first.ownerId);
    expect(statSync(join(root, 'one', '.owner')).mode & 0o777).to.equal(0o600);
  });
});
