import type { Logger } from '../platform/logging/logger.js';

export interface StoppablePart {
  name: string;
  stop: () => Promise<void>;
}

/** What start-up started, stopped in reverse order; a part that fails to stop is logged and the others still stop. */
export class ShutdownStack {
  private readonly parts: StoppablePart[] = [];

  constructor(private readonly log: Logger) {}

  push(part: StoppablePart): void {
    this.parts.push(part);
  }

  async stopAll(): Promise<void> {
    for (const part of [...this.parts].reverse()) {
      try {
        await part.stop();
      } catch (error) {
        this.log.warn({ err: error, part: part.name }, 'error while stopping');
      }
    }
  }
}
