import assert from "node:assert/strict";
import { PrefetchWindow } from "../../src/store/_prefetch_window.ts";

/** A window over `count` items that records the order its items are started in. */
function recordingWindow(count: number, depth: number) {
  const started: number[] = [];
  const window = new PrefetchWindow(count, depth, (index) => {
    started.push(index);
    return Promise.resolve(`item ${index}`);
  });
  return { started, window };
}

Deno.test("PrefetchWindow: taking an item starts the next `depth` items before it is awaited", async () => {
  const { started, window } = recordingWindow(7, 3);
  const first = window.take(0);
  // Asked for before the consumer has even awaited item 0.
  assert.deepEqual(started, [0, 1, 2, 3]);
  assert.equal(await first, "item 0");
  assert.equal(await window.take(1), "item 1");
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
  for (let i = 2; i < 7; i++) assert.equal(await window.take(i), `item ${i}`);
  // Each item started once, in order, none past the end.
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6]);
});

Deno.test("PrefetchWindow: an aborted signal starts nothing more; items never started are undefined", async () => {
  const { started, window } = recordingWindow(5, 1);
  const controller = new AbortController();
  assert.equal(await window.take(0, controller.signal), "item 0");
  controller.abort();
  assert.equal(await window.take(1, controller.signal), "item 1");
  assert.equal(window.take(2, controller.signal), undefined);
  assert.deepEqual(started, [0, 1]);
});
