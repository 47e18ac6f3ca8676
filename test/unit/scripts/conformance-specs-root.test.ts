import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findSpecsRoot } from '../../../scripts/lib/conformance-specs-root.js';

const git = (...args: string[]): void => void execFileSync('git', args, { stdio: 'ignore' });

describe('conformance: where the spec tests are found', () => {
  let work: string;
  /** `<work>/team/main` (a repository) with `<work>/team/shared/specs/crud` beside it, as on the shared machine. */
  let origin: string;
  let shared: string;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'specs-root-'));
    origin = join(work, 'team', 'main');
    shared = join(work, 'team', 'shared', 'specs');
    mkdirSync(join(shared, 'crud'), { recursive: true });
    mkdirSync(origin, { recursive: true });
    git('init', '-q', origin);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('a fresh clone elsewhere of a local repository: the specs beside its origin', () => {
    const fresh = join(work, 'elsewhere', 'fresh');
    git('clone', '-q', origin, fresh);

    expect(findSpecsRoot(fresh, {})).to.deep.equal({ root: shared, tried: [join(work, 'elsewhere', 'shared', 'specs'), shared], explicit: false });
  });

  it('origin given as a file:// URL: the specs beside it too', () => {
    const fresh = join(work, 'elsewhere', 'fresh');
    git('clone', '-q', pathToFileURL(origin).href, fresh);

    expect(findSpecsRoot(fresh, {}).root).to.equal(shared);
  });

  it('a worktree next to the shared folder: the specs beside it, before any origin', () => {
    const beside = join(work, 'team', 'wt');
    git('clone', '-q', origin, beside);

    expect(findSpecsRoot(beside, {}).root).to.equal(shared);
    expect(findSpecsRoot(beside, {}).tried).to.have.length(1);
  });

  it('SPECS_DIR set: it wins; pointing at a folder without specs: no root, marked explicit', () => {
    const own = join(work, 'own-specs');
    mkdirSync(join(own, 'transactions'), { recursive: true });
    const fresh = join(work, 'elsewhere', 'fresh');
    git('clone', '-q', origin, fresh);

    expect(findSpecsRoot(fresh, { SPECS_DIR: own })).to.deep.equal({ root: own, tried: [own], explicit: true });
    expect(findSpecsRoot(fresh, { SPECS_DIR: join(work, 'nowhere') })).to.include({ root: undefined, explicit: true });
  });

  it('a clone of a network remote, nothing beside it: no root, only the sibling folder tried', () => {
    const fresh = join(work, 'elsewhere', 'fresh');
    git('clone', '-q', origin, fresh);
    git('-C', fresh, 'remote', 'set-url', 'origin', 'git@example.org:comune/sportello.git');

    expect(findSpecsRoot(fresh, {})).to.deep.equal({ root: undefined, tried: [join(work, 'elsewhere', 'shared', 'specs')], explicit: false });
  });
});
