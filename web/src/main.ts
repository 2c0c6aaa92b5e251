import './style.css';
import { health } from './api';
import { faNumber } from './fa';
import { renderSearch } from './search';
import { renderArticle } from './article';
import { renderActor } from './actor';
import { renderAnalyze } from './analyze';
import { notice, replace } from './dom';
import { navigate, onLocationChange } from './router';

export type View = (main: HTMLElement, params: URLSearchParams, signal: AbortSignal) => void | Promise<void>;

const routes: Record<string, { view: View; section: string }> = {
  '/': { view: renderSearch, section: 'search' },
  '/article': { view: renderArticle, section: 'search' },
  '/actor': { view: renderActor, section: 'search' },
  '/analyze': { view: renderAnalyze, section: 'analyze' },
};

const main = document.getElementById('main') as HTMLElement;
let current: AbortController | null = null;

/** Shows the view of the current location (on load, on a link, on back/forward). */
function route(): void {
  current?.abort();
  current = new AbortController();
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const match = routes[path];
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.nav a')) {
    if (match && a.dataset.section === match.section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!match) {
    document.title = 'پیدا نشد — دبیر';
    replace(main, notice('این صفحه وجود ندارد.', 'error'));
    return;
  }
  const signal = current.signal;
  Promise.resolve(match.view(main, new URLSearchParams(location.search), signal)).catch((e: unknown) => {
    if (signal.aborted) return;
    replace(main, notice(e instanceof Error ? e.message : String(e), 'error'));
  });
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  const a = (event.target as Element | null)?.closest?.('a[data-nav]');
  if (!(a instanceof HTMLAnchorElement) || a.origin !== location.origin) return;
  event.preventDefault();
  navigate(a.pathname + a.search + a.hash);
});

window.addEventListener('popstate', route);
onLocationChange(route);

health()
  .then((h) => {
    const el = document.getElementById('health');
    if (el) el.textContent = `${faNumber(h.documents)} سند در بایگانی · دبیر ${h.version}`;
  })
  .catch(() => {
    // the footer stays empty; each view reports its own errors
  });

route();
