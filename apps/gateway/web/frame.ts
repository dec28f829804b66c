/// <reference lib="dom" />

/**
 * Wraps a render so that asking for it many times before the next frame draws once: live topics
 * (a 54-order staircase is 54 order events, every market's book every block) can arrive faster
 * than a busy browser paints, and rendering each one queues work the page never catches up with.
 */
export function oncePerFrame(render: () => void, nextFrame: (callback: () => void) => unknown = requestAnimationFrame): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    nextFrame(() => {
      pending = false;
      render();
    });
  };
}
