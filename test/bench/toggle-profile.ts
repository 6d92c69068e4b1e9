/**
 * What blocks the page's main thread when a planner toggles a community after a large import:
 * builds the app, imports Italy's comuni (../shared/bench-data/it-comuni.geojson.gz; else a
 * seeded 10,000-cell mosaic) in headless Chromium, enters planning mode and records the page's
 * main thread with the CPU profiler (1 ms sampling) during a few toggles; prints the busy
 * stretches and the functions that take their time (self and inclusive, sampled ms).
 *
 *   npx tsx test/bench/toggle-profile.ts [toggles=4]
 *
 * PHASE=import traces the import itself instead (file chosen → map idle) and counts the
 * messages maplibre's workers send the page, by type, with the page's time to receive them.
 */
import { writeFileSync } from 'node:fs';
import { waitForMapIdle } from '../e2e/map-page.ts';
import { LONG_TASK_PROBE, drawnCommunityPoint, toggleOnce } from '../../scripts/bench-page.ts';
import { readProfile, topLines, type Profile } from './cpu-profile.ts';
import { importUntilDrawn, startProfiledApp } from './profiled-app.ts';

const toggles = Number(process.argv[2] ?? 4);
const app = await startProfiledApp('toggle-profile');
const { file, browser } = app;
/** Ends the script once a trace is reported: browser, server and build removed first. */
const finish = async (): Promise<never> => {
  await app.close();
  process.exit(0);
};
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  await page.addInitScript(LONG_TASK_PROBE);
  await page.goto(app.url);
  await waitForMapIdle(page, 120_000);
  const importing = process.env.PHASE === 'import';
  const importTrace: TraceEvent[] = [];
  const importCdp = importing ? await page.context().newCDPSession(page) : null;
  if (importCdp) {
    // Messages from maplibre's workers to the page, by type, and the page's time to handle them.
    await page.evaluate(`(() => {
      const calls = {};
      window.__received = calls;
      window.lianpian.map.getSource('communities').actorPromise.then((actor) => {
        const proto = Object.getPrototypeOf(actor);
        const receive = proto.receive;
        proto.receive = function (message) {
          const started = performance.now();
          const type = (message.data && message.data.type) || '?';
          const result = receive.call(this, message);
          calls[type] = calls[type] || { count: 0, ms: 0 };
          calls[type].count++;
          calls[type].ms += performance.now() - started;
          return result;
        };
      });
    })()`);
    importCdp.on('Tracing.dataCollected', (event) => void importTrace.push(...(event.value as unknown as TraceEvent[])));
    await importCdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'blink', 'cc', 'gpu'] } } as never);
  }
  await importUntilDrawn(page, file);
  if (importCdp) {
    const done = new Promise<void>((resolve) => importCdp.once('Tracing.tracingComplete', () => resolve()));
    await importCdp.send('Tracing.end');
    await done;
    const received = (await page.evaluate('window.__received')) as Record<string, { count: number; ms: number }>;
    console.log(`messages from maplibre's workers during the import (type: count, ms to receive):\n${Object.entries(received).map(([type, { count, ms }]) => `  ${type}: ${count}, ${ms.toFixed(0)} ms`).join('\n')}`);
    const layer = await page.evaluate(`(() => {
      const source = window.lianpian.map.getSource('communities');
      const data = source._data && source._data.geojson;
      const url = window.lianpian.map.getStyle().sources.communities.data;
      const vertices = (value) => (Array.isArray(value) ? (typeof value[0] === 'number' ? 1 : value.reduce((sum, item) => sum + vertices(item), 0)) : 0);
      return 'communities source: ' + (typeof url === 'string' ? url.slice(0, 5) + '… URL of ' + (url.length / 1e6).toFixed(1) + ' M characters' : 'object') + (data ? ', ' + data.features.length + ' features, ' + vertices(data.features.map((f) => f.geometry.coordinates)) + ' vertices' : '');
    })()`);
    console.log(layer);
    reportTrace(importTrace);
    await finish();
  }
  const at = await drawnCommunityPoint(page);
  if (!at) throw new Error('no community drawn near the middle of the map');
  await page.getByTestId('planning-toggle').click();
  await page.waitForTimeout(1000);
  await waitForMapIdle(page, 300_000);
  // One toggle unprofiled (warm-up; WARMUP=0 profiles the first toggle too), then the profiled ones.
  if (process.env.WARMUP !== '0') await toggleOnce(page, at);
  // Counts what the page asks of maplibre per toggle (independent of the machine's load).
  // (A string: tsx's helpers are not defined in the page.)
  await page.evaluate(`(() => {
    const map = window.lianpian.map;
    const calls = {};
    window.__mapCalls = calls;
    const count = (key, n = 1) => (calls[key] = (calls[key] ?? 0) + n);
    const vertices = (value) => (Array.isArray(value) ? (typeof value[0] === 'number' ? 1 : value.reduce((sum, item) => sum + vertices(item), 0)) : 0);
    for (const id of Object.keys(map.getStyle().sources)) {
      const source = map.getSource(id);
      if (!source || !source.setData) continue;
      const original = source.setData.bind(source);
      source.setData = (data, ...rest) => {
        count('setData ' + id);
        if (data && data.features) {
          count('setData ' + id + ' features', data.features.length);
          count('setData ' + id + ' vertices', data.features.reduce((sum, feature) => sum + vertices(feature.geometry && feature.geometry.coordinates), 0));
          count('setData ' + id + ' JSON kB', JSON.stringify(data).length / 1000);
        } else count('setData ' + id + ' (url or other)');
        return original(data, ...rest);
      };
    }
    for (const method of ['setFeatureState', 'setPaintProperty', 'setLayoutProperty', 'setFilter', 'addSource', 'removeSource', 'addLayer', 'removeLayer']) {
      const original = map[method].bind(map);
      map[method] = (...args) => {
        count(method + ' ' + (method === 'setFeatureState' ? args[0].source : typeof args[0] === 'object' ? args[0].id : String(args[0])));
        return original(...args);
      };
    }
    map.on('render', () => count('main map frames'));
    // Every message to maplibre's workers: its type and source, and the main-thread time it costs to send.
    const some = map.getSource('markers');
    if (some && some.actorPromise) some.actorPromise.then((actor) => {
      const proto = Object.getPrototypeOf(actor);
      const sendAsync = proto.sendAsync;
      proto.sendAsync = function (message, ...rest) {
        const started = performance.now();
        const result = sendAsync.call(this, message, ...rest);
        const key = 'worker message ' + message.type + ' ' + ((message.data && message.data.source) || '');
        count(key);
        count(key + ' ms', performance.now() - started);
        return result;
      };
    });
  })()`);
  const cdp = await page.context().newCDPSession(page);
  // TRACE=1: a Chrome trace (what the main thread's long tasks are made of, JS or not) instead of the CPU profile.
  const tracing = Boolean(process.env.TRACE);
  const traceEvents: TraceEvent[] = [];
  if (tracing) {
    cdp.on('Tracing.dataCollected', (event) => void traceEvents.push(...(event.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'blink', 'cc', 'gpu', 'blink.user_timing'] } } as never);
  } else {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  const timings = [];
  for (let i = 0; i < toggles; i++) timings.push(await toggleOnce(page, at));
  if (tracing) {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    console.log(`toggles (report / repaint / longest task ms): ${timings.map((t) => `${t.reportMs.toFixed(0)}/${t.repaintMs.toFixed(0)}/${t.longestTaskMs.toFixed(0)}`).join(', ')}`);
    if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify({ traceEvents }));
    reportTrace(traceEvents);
    await finish();
  }
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const calls = await page.evaluate(() => (window as unknown as { __mapCalls: Record<string, number> }).__mapCalls);
  const where = await page.evaluate(`(() => { const r = (id) => { const b = document.querySelector('[data-testid="' + id + '"]')?.getBoundingClientRect(); return b ? [b.top, b.bottom].map(Math.round).join('–') : 'none'; }; return 'compare maps at y ' + r('compare-maps') + ', report panel at y ' + r('report-panel') + ', window ' + innerHeight; })()`);
  console.log(where);
  console.log(`map calls per toggle (mean of ${toggles}):\n${Object.entries(calls).map(([key, n]) => `  ${(n / toggles).toFixed(1).padStart(9)}  ${key}`).join('\n')}`);
  console.log(`toggles (report / repaint / longest task ms): ${timings.map((t) => `${t.reportMs.toFixed(0)}/${t.repaintMs.toFixed(0)}/${t.longestTaskMs.toFixed(0)}`).join(', ')}`);
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  report(profile);
} finally {
  // KEEP_DIST=1 keeps the build, to read the profile's line numbers in it.
  if (process.env.KEEP_DIST) console.log(`build kept in ${app.outDir}`);
  await app.close(Boolean(process.env.KEEP_DIST));
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

/** The renderer main thread's tasks over 50 ms and the events (self time, ms) they are made of. */
function reportTrace(events: TraceEvent[]): void {
  const thread = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain' && events.some((other) => other.pid === event.pid && other.tid === event.tid && other.name === 'FunctionCall'));
  if (!thread) throw new Error('no renderer main thread in the trace');
  const main = events.filter((event) => event.pid === thread.pid && event.tid === thread.tid && event.ph === 'X' && event.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Outermost tasks only (a ThreadControllerImpl::RunTask holds a RunTask of the same length).
  const tasks: TraceEvent[] = [];
  for (const event of main) {
    if (event.name !== 'RunTask' && event.name !== 'ThreadControllerImpl::RunTask') continue;
    const last = tasks[tasks.length - 1];
    if (!last || event.ts >= last.ts + last.dur!) tasks.push(event);
  }
  const long = tasks.filter((task) => task.dur! > 50_000);
  console.log(`main-thread tasks over 50 ms: ${long.map((task) => (task.dur! / 1000).toFixed(0)).join(', ') || 'none'}`);
  const total = new Map<string, number>();
  for (const task of long) {
    // Self time per event name inside the task (an event's time minus its children's).
    const inside = main.filter((event) => event !== task && event.ts >= task.ts && event.ts + event.dur! <= task.ts + task.dur!);
    const stack: TraceEvent[] = [];
    const self = new Map<TraceEvent, number>();
    for (const event of inside) {
      while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= event.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) self.set(parent, (self.get(parent) ?? event.dur!) - event.dur!);
      self.set(event, self.get(event) ?? event.dur!);
      stack.push(event);
    }
    const named = new Map<string, number>();
    let covered = 0;
    for (const [event, ms] of self) {
      const key = event.name === 'FunctionCall' || event.name === 'EvaluateScript' ? `${event.name} ${event.args?.data?.functionName ?? ''} ${(event.args?.data?.url ?? '').split('/').pop()}` : event.name;
      named.set(key, (named.get(key) ?? 0) + ms / 1000);
      covered += ms;
    }
    named.set('(task, not in an event)', (task.dur! - covered) / 1000);
    for (const [key, ms] of named) total.set(key, (total.get(key) ?? 0) + ms);
    console.log(`\ntask of ${(task.dur! / 1000).toFixed(0)} ms:\n${[...named].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([key, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${key}`).join('\n')}`);
  }
  console.log(`\nall tasks over 50 ms together:\n${[...total].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([key, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${key}`).join('\n')}`);
}

/** Busy stretches (consecutive samples not in "(idle)") and what runs in them. */
function report(profile: Profile): void {
  const read = readProfile(profile);
  const total = read.busyMs;
  console.log(`busy: ${total.toFixed(0)} ms sampled; stretches over 50 ms: ${read.stretches.filter((s) => s.ms > 50).map((s) => s.ms.toFixed(0)).join(', ') || 'none'}`);
  const { self, inclusive } = read.timeIn(read.stretches);
  const share = (ms: number) => ` ${((100 * ms) / total).toFixed(1).padStart(5)} %`;
  console.log(`\nself time (all busy samples)\n${topLines(self, 30, '  ', share)}\n\ninclusive\n${topLines(inclusive, 60, '  ', share)}`);
}
