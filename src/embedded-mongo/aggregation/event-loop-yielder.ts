/** How long a slice of one command's work may hold the event loop before other clients get a turn. */
const SLICE_MS = 10;

/**
 * Lets a long computation hand the event loop back between slices: `due()` is cheap enough to
 * ask per document, and `pause()` lets pending I/O (other connections' commands) run.
 */
export class EventLoopYielder {
  private sliceStart = performance.now();

  due(): boolean {
    return performance.now() - this.sliceStart >= SLICE_MS;
  }

  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
