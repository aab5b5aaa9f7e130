// Injected before any page script (puppeteer evaluateOnNewDocument): records the entries the
// page-impact benchmark turns into FCP, LCP, CLS and TBT. Classic script, no imports.
(() => {
  const perf = (window.__sfPerf = { fcp: undefined, lcp: [], shifts: [], longtasks: [], firstInput: undefined });
  const describe = (node) => {
    if (!node || !node.nodeName) return '';
    let path = node.nodeName.toLowerCase();
    if (node.id) path += `#${node.id}`;
    else if (node.getAttribute && node.getAttribute('aria-labelledby')) path += `[aria-labelledby=${node.getAttribute('aria-labelledby')}]`;
    else if (node.classList && node.classList.length) path += `.${node.classList[0]}`;
    const root = node.getRootNode && node.getRootNode();
    if (root && root.host) path = `${describe(root.host)} >>> ${path}`;
    return path;
  };
  const observe = (type, handle) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(handle)).observe({ type, buffered: true });
    } catch {
      perf[`${type}Unsupported`] = true;
    }
  };
  observe('paint', (e) => {
    if (e.name === 'first-contentful-paint') perf.fcp = e.startTime;
  });
  observe('largest-contentful-paint', (e) => perf.lcp.push({ startTime: e.startTime, size: e.size, element: describe(e.element), url: e.url || '' }));
  observe('layout-shift', (e) =>
    perf.shifts.push({ startTime: e.startTime, value: e.value, hadRecentInput: e.hadRecentInput, sources: (e.sources || []).map((s) => describe(s.node)).filter(Boolean) }),
  );
  observe('longtask', (e) => perf.longtasks.push({ startTime: e.startTime, duration: e.duration }));
  observe('first-input', (e) => (perf.firstInput ??= e.startTime));
})();
