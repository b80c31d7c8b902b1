// Main-thread time of one script, from a Chrome trace taken over the DevTools protocol. A
// content script runs in an isolated world the page's Performance API cannot see, but the
// renderer's trace names the script's URL on every task that enters it.

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8'];

/** Events that enter a script: its evaluation (with compile and run) and every later callback. */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.run']);

const urlOf = (e) => e.args?.data?.url ?? e.args?.fileName ?? '';

/** Records a trace while `work()` runs (a CDP session of the page); resolves with its events. */
export async function traced(cdp, work) {
  const events = [];
  const onData = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  try {
    await work();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

/**
 * Time spent in the script at `url` (a prefix): `wallMs` is how long it held its thread,
 * `cpuMs` the CPU it used meanwhile (lower when a busy machine deschedules the thread),
 * `evaluateMs` the wall time of its evaluation (parse, compile, top level, for a content script
 * also its main()), the rest being callbacks (timers, observers, replies), `tasks` their count.
 * Events nest (v8.run inside EvaluateScript, a FunctionCall inside another task's call), so
 * only the outermost of overlapping events counts.
 */
export function scriptTime(events, url) {
  const mine = events
    .filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name) && urlOf(e).startsWith(url))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const ends = new Map();
  let wall = 0;
  let cpu = 0;
  let tasks = 0;
  let evaluate = 0;
  for (const e of mine) {
    const thread = `${e.pid}:${e.tid}`;
    const end = ends.get(thread) ?? -Infinity;
    if (e.ts + e.dur <= end) continue;
    if (e.ts >= end) {
      tasks++;
      cpu += e.tdur ?? e.dur;
      if (e.name === 'EvaluateScript') evaluate += e.dur;
    }
    wall += e.ts + e.dur - Math.max(e.ts, end);
    ends.set(thread, e.ts + e.dur);
  }
  return { wallMs: wall / 1000, cpuMs: cpu / 1000, evaluateMs: evaluate / 1000, tasks };
}
