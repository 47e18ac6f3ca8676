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
  // The lock file holds @bull-board/express 9.10.1, which nests its own @bull-board/api 9.10.1 beside our
  // 9.10.2: same shape at run time, but TypeScript sees two declarations of the adapter class.
  const board = serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: factory.bullQueues.map((queue) => new BullAdapter(queue)), serverAdapter: board });
  return serverAdapter.getRouter() as Router;
}
