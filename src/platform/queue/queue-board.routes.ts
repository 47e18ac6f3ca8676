import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Router } from 'express';
import type { BullQueueFactory } from './bull-queue.adapter.js';

/**
 * bull-board's dashboard for the queues of this factory, served under `basePath`. It can retry and delete
 * jobs, so `main.ts` mounts it behind the admin guard only.
 */
export function createQueueBoardRoutes(factory: BullQueueFactory, basePath: string): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({ queues: factory.bullQueues.map((queue) => new BullAdapter(queue)), serverAdapter });
  return serverAdapter.getRouter() as Router;
}
