/** Median wall time of `runs` calls and the peak heap/RSS seen while they ran. */
export async function measure(fn: () => unknown, runs: number): Promise<{ ms: number; peakHeapMB: number; peakRssMB: number }> {
  const times: number[] = [];
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 5);
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
      sample();
    }
  } finally {
    clearInterval(timer);
  }
  times.sort((a, b) => a - b);
  const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
  const median = times[Math.floor(times.length / 2)];
  if (median === undefined) throw new Error(`measure: runs must be at least 1 (got ${runs})`);
  return { ms: Math.round(median * 10) / 10, peakHeapMB: mb(peakHeap), peakRssMB: mb(peakRss) };
}
