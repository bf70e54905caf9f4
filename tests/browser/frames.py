"""What the test pages know of their frames: when the screen stopped moving (AppPage.settle), and
the suite's cap on how often they draw."""

# Flutter draws a frame only when something changed: it asks the browser for one with
# requestAnimationFrame, and an animation asks again from inside each frame. Counting the asks that
# have not run yet, and when the last frame ended, tells when the screen stopped moving
# (AppPage.settle). Installed before the page's own scripts, in every page an AppPage drives.
#
# With a cap (AppPage.frame_cap_ms, the test suite's; the benchmarks keep every frame), a frame
# asked for sooner than that after the last one waits for a later vsync: at most ~22 frames a
# second. What the page shows and plays is the same; only an animation's in-between pictures are
# fewer. It matters because the suite is bound by Chromium's CPU (93% of the 2 cores; its renderer
# 69% of all CPU time), and while a sound plays Flet's audio service asks for a frame at every
# vsync, each drawn in software here: 8 s of a demonstration round cost the renderer 5.7 s of CPU,
# 2.8 s with the cap (the same steps one after the other, load average under 1).
FRAME_WATCH = """(() => {
  const raw = window.requestAnimationFrame.bind(window);
  const rawCancel = window.cancelAnimationFrame.bind(window);
  const CAP_MS = %d;
  const browserIds = new Map();  // the page's id of a frame asked for -> the browser's, as it waits
  let nextId = 1, lastRun = -1;
  const frames = window.__frames = {pending: new Set(), lastEnded: performance.now()};
  window.requestAnimationFrame = (callback) => {
    const id = nextId++;
    const run = (t) => {
      // Every callback of one vsync runs in it (the same t); a new vsync too soon waits for the next.
      if (CAP_MS && t !== lastRun && t - lastRun < CAP_MS) { browserIds.set(id, raw(run)); return; }
      lastRun = t;
      browserIds.delete(id);
      frames.pending.delete(id);
      try { return callback(t); } finally { frames.lastEnded = performance.now(); }
    };
    browserIds.set(id, raw(run));
    frames.pending.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id) => {
    frames.pending.delete(id);
    if (browserIds.has(id)) rawCancel(browserIds.get(id));
    browserIds.delete(id);
  };
})();"""
# The test suite's cap (see FRAME_WATCH): 45 ms, ~22 frames a second at most.
SUITE_FRAME_CAP_MS = 45
FRAME_STATE = "() => ({pending: window.__frames.pending.size, idle_ms: performance.now() - window.__frames.lastEnded})"
