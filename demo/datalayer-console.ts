/**
 * The demo shop's dataLayer console: every GA4 event the widgets push to `window.dataLayer`
 * (`<sf-config analytics="datalayer">`), listed as it arrives, with the fields a marketer checks
 * in Google Tag Manager's preview. It only reads: it wraps `dataLayer.push` and calls the original.
 */
type Entry = Record<string, unknown>;

function summary(entry: Entry): string {
  const ecommerce = entry.ecommerce as { item_list_id?: string; promotion_name?: string; items?: { item_name?: string; price?: number }[] } | undefined;
  if (ecommerce?.items && entry.event !== 'view_promotion' && entry.event !== 'select_promotion') {
    return ecommerce.items.map((item) => `${item.item_name}${item.price !== undefined ? ` ₩${item.price.toLocaleString('ko-KR')}` : ''}`).join(', ');
  }
  if (ecommerce?.promotion_name) return `${ecommerce.promotion_name}${entry.sf_coupon_status ? ` (${String(entry.sf_coupon_status)})` : ''}`;
  if (typeof entry.video_title === 'string' || typeof entry.video_url === 'string') {
    const percent = entry.video_percent !== undefined ? ` ${String(entry.video_percent)}%` : '';
    const watched = entry.sf_watched_seconds !== undefined ? ` · ${String(entry.sf_watched_seconds)}s` : '';
    return `${String(entry.video_title ?? entry.video_url)}${percent}${watched}`;
  }
  return '';
}

export function startDataLayerConsole(): void {
  const list = document.querySelector<HTMLOListElement>('#datalayer-events')!;
  const count = document.querySelector<HTMLElement>('#datalayer-count')!;
  const layer: unknown[] = ((window as unknown as { dataLayer?: unknown[] }).dataLayer ??= []);
  const show = (entry: unknown) => {
    if (!entry || typeof entry !== 'object' || typeof (entry as Entry).event !== 'string') return;
    const item = document.createElement('li');
    const name = document.createElement('code');
    name.textContent = String((entry as Entry).event);
    item.append(name, ` ${summary(entry as Entry)}`);
    item.title = JSON.stringify(entry);
    list.prepend(item);
    count.textContent = String(list.children.length);
  };
  layer.forEach(show);
  const push = layer.push.bind(layer);
  layer.push = (...entries: unknown[]) => {
    entries.forEach(show);
    return push(...entries);
  };
}
