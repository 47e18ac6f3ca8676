import type { FileHandle } from 'node:fs/promises';
import type { Change } from './change.js';
import { RecordWriter } from './journal-records.js';

interface Waiter {
  sequence: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Changes bound for one file; a rotation closes the segment of the old file. */
interface Segment {
  handle: FileHandle;
  record: RecordWriter;
  through: number;
}

/**
 * The append-only journal with group commit: changes made in the same tick are written as one
 * record and share one synchronous (O_DSYNC) write; callers wait for their sequence number before replying.
 */
export class Journal {
  private segments: Segment[] = [];
  private appended = 0;
  private synced = 0;
  private flushing = false;
  private waiters: Waiter[] = [];
  private failure: unknown = null;
  private written: number;
  /** Told after each record is on disk. */
  afterSync: () => void = () => undefined;

  constructor(private handle: FileHandle, size: number) {
    this.written = size;
  }

  /** Bytes in the current journal file, to decide when a snapshot should truncate it. */
  get size(): number {
    return this.written;
  }

  get sequence(): number {
    return this.appended;
  }

  append(change: Change): void {
    let segment = this.segments[this.segments.length - 1];
    if (!segment || segment.handle !== this.handle) {
      segment = { handle: this.handle, record: new RecordWriter(), through: 0 };
      this.segments.push(segment);
    }
    segment.record.append(change);
    this.appended += 1;
    segment.through = this.appended;
  }

  /** Resolves once every change up to `sequence` is on disk. */
  waitFor(sequence: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (sequence <= this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ sequence, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * From now on changes go to `next`; those appended before stay bound for the old file.
   * Synchronous, so a snapshot captured in the same tick splits the history exactly.
   */
  rotate(next: FileHandle): FileHandle {
    const previous = this.handle;
    this.handle = next;
    this.written = 0;
    return previous;
  }

  async drain(): Promise<void> {
    await this.waitFor(this.appended);
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    try {
      while (this.segments.length > 0) {
        const segment = this.segments.shift()!;
        const record = segment.record.finish();
        // The handle is opened with O_DSYNC (`openJournal`): the write returns once the record is on disk.
        await segment.handle.write(record);
        if (segment.handle === this.handle) this.written += record.length;
        this.synced = segment.through;
        this.release();
        this.afterSync();
      }
    } catch (error) {
      // A journal that cannot write must not acknowledge anything again.
      this.failure = error;
      for (const waiter of this.waiters) waiter.reject(error);
      this.waiters = [];
    } finally {
      this.flushing = false;
    }
  }

  private release(): void {
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.sequence <= this.synced) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }
}
