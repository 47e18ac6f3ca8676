import type { Document } from 'bson';

interface BeforeImage {
  version: number;
  ns: string;
  key: string;
  before: Document | null;
}

/**
 * Versions of documents replaced while transactions are open, so each transaction keeps
 * reading the state of its snapshot. Kept only as long as some transaction may need it.
 */
export class VersionHistory {
  private entries: BeforeImage[] = [];
  private current = 0;

  get version(): number {
    return this.current;
  }

  /** Counts a committed change; its before-image is kept only if a snapshot older than it is open. */
  record(ns: string, key: string, before: Document | null, oldestOpenSnapshot: number | null): void {
    this.current += 1;
    if (oldestOpenSnapshot === null) {
      if (this.entries.length > 0) this.entries = [];
      return;
    }
    this.entries.push({ version: this.current, ns, key, before });
  }

  /** Documents of `ns` changed after `snapshot`, mapped to the version the snapshot saw. */
  changedSince(ns: string, snapshot: number): Map<string, Document | null> {
    const out = new Map<string, Document | null>();
    for (const entry of this.entries) {
      if (entry.version > snapshot && entry.ns === ns && !out.has(entry.key)) out.set(entry.key, entry.before);
    }
    return out;
  }

  hasChangedSince(ns: string, key: string, snapshot: number): boolean {
    return this.entries.some((entry) => entry.version > snapshot && entry.ns === ns && entry.key === key);
  }

  /** Drops what no open snapshot can ask for any more. */
  prune(oldestOpenSnapshot: number | null): void {
    this.entries = oldestOpenSnapshot === null ? [] : this.entries.filter((entry) => entry.version > oldestOpenSnapshot);
  }
}
