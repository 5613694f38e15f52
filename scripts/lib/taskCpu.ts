/**
 * The main thread's tasks by CPU time, from a Chrome trace: on a loaded machine a task's wall
 * time (what 'longtask' reports) includes the time the thread waited for a core, its thread time
 * does not. Used by scripts/bench-draw.ts next to the wall-clock long tasks.
 */
import type { Browser, Page } from '@playwright/test';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Wall and thread time (ms) of the renderer main thread's tasks over 50 ms wall or CPU. */
export interface TaskCpu {
  /** The longest task's thread (CPU) time, and the longest task's wall time, in ms. */
  longestCpuMs: number;
  longestWallMs: number;
  /** [wall, cpu] of each task over 50 ms in either, in order. */
  tasks: Array<[number, number]>;
}

/** Runs `job` while Chrome traces `page`, and returns its main thread's long tasks by CPU time. */
export async function withTaskCpu<T>(
  browser: Browser,
  page: Page,
  job: () => Promise<T>,
): Promise<{ value: T; cpu: TaskCpu }> {
  const path = join(tmpdir(), `bench-draw-${process.pid}-${Date.now()}.json`);
  await browser.startTracing(page, {
    path,
    categories: ['toplevel', 'disabled-by-default-devtools.timeline'],
  });
  const value = await job();
  await browser.stopTracing();
  const raw = JSON.parse(readFileSync(path, 'utf8')) as
    { traceEvents: TraceEvent[] } | TraceEvent[];
  rmSync(path, { force: true });
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`))
    .map((e): [number, number] => [
      Math.round((e.dur ?? 0) / 1000),
      Math.round((e.tdur ?? 0) / 1000),
    ])
    .filter(([wall, cpu]) => wall > 50 || cpu > 50);
  return {
    value,
    cpu: {
      longestCpuMs: Math.max(0, ...tasks.map((t) => t[1])),
      longestWallMs: Math.max(0, ...tasks.map((t) => t[0])),
      tasks,
    },
  };
}
