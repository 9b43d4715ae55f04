import assert from "node:assert/strict";
import { formatDuration, ProgressBar, renderProgress } from "../../src/cli/progress_bar.ts";

Deno.test("renderProgress() shows items, features, rate and ETA", () => {
  const line = renderProgress({ done: 3, total: 10, features: 6000, elapsedMs: 3000 }, 10, "runs");
  assert.equal(line, "[###-------] 3/10 runs · 6,000 features · 2,000 features/s · ETA 0:07");
  const done = renderProgress(
    { done: 10, total: 10, features: 6000, elapsedMs: 65_000 },
    10,
    "runs",
  );
  assert.equal(done, "[##########] 10/10 runs · 6,000 features · 92 features/s · 1:05");
  assert.equal(formatDuration(0), "0:00");
});

Deno.test("ProgressBar draws on a terminal only, throttled, and ends its line", () => {
  let clock = 0;
  let text = "";
  const bar = new ProgressBar({ write: (t) => (text += t), now: () => clock, throttleMs: 100 });
  bar.update({ done: 0, total: 3, features: 0, elapsedMs: 0 });
  clock = 50;
  bar.update({ done: 1, total: 3, features: 10, elapsedMs: 50 }); // throttled
  clock = 200;
  bar.update({ done: 2, total: 3, features: 20, elapsedMs: 200 });
  clock = 210;
  bar.update({ done: 3, total: 3, features: 30, elapsedMs: 210 }); // the last state is always drawn
  bar.finish();
  const draws = text.split("\r").filter((s) => s);
  assert.equal(draws.length, 3);
  assert.match(draws[1], /2\/3 runs/);
  assert.ok(text.endsWith("\n"));

  let quiet = "";
  const off = new ProgressBar({ write: (t) => (quiet += t), enabled: false });
  off.update({ done: 1, total: 1, features: 1, elapsedMs: 1 });
  off.finish();
  assert.equal(quiet, "");
});
