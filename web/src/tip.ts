// One tooltip for the highlighted text: on hover or keyboard focus of a mark, the facts of that mark and of the
// marks around it (an actor and the entity it is, a trigger inside an actor's name…). Built with text nodes only.

export interface TipLine {
  label: string;
  value: string;
}

export interface TipData {
  heading: string;
  kind: string;
  lines: TipLine[];
}

const tips = new WeakMap<Element, TipData>();
let tipEl: HTMLElement | null = null;
let shownFor: Element | null = null;

/** Gives a mark its tooltip facts and makes it reachable by keyboard. */
export function setTip(el: HTMLElement, data: TipData): void {
  tips.set(el, data);
  el.dataset.tip = '';
  el.tabIndex = 0;
}

function tooltip(): HTMLElement {
  if (!tipEl) {
    tipEl = document.createElement('div');
    tipEl.id = 'tip';
    tipEl.className = 'tip';
    tipEl.setAttribute('role', 'tooltip');
    tipEl.hidden = true;
    document.body.append(tipEl);
  }
  return tipEl;
}

function show(target: Element): void {
  const chain: TipData[] = [];
  for (let el: Element | null = target; el; el = el.parentElement?.closest('[data-tip]') ?? null) {
    const data = tips.get(el);
    if (data) chain.push(data);
  }
  if (chain.length === 0) return;
  const tip = tooltip();
  tip.replaceChildren();
  for (const data of chain.reverse()) {
    const block = document.createElement('div');
    block.className = `tip-block tip-${data.kind}`;
    const heading = document.createElement('strong');
    heading.textContent = data.heading;
    block.append(heading);
    if (data.lines.length > 0) {
      const dl = document.createElement('dl');
      for (const line of data.lines) {
        const dt = document.createElement('dt');
        dt.textContent = line.label;
        const dd = document.createElement('dd');
        dd.textContent = line.value;
        dl.append(dt, dd);
      }
      block.append(dl);
    }
    tip.append(block);
  }
  tip.hidden = false;
  shownFor = target;
  target.setAttribute('aria-describedby', 'tip');
  const r = target.getBoundingClientRect();
  const t = tip.getBoundingClientRect();
  const margin = 8;
  let left = r.left + r.width / 2 - t.width / 2;
  left = Math.max(margin, Math.min(left, document.documentElement.clientWidth - t.width - margin));
  let top = r.bottom + 6;
  if (top + t.height > window.innerHeight - margin && r.top - t.height - 6 > margin) top = r.top - t.height - 6;
  tip.style.left = `${Math.round(left + window.scrollX)}px`;
  tip.style.top = `${Math.round(top + window.scrollY)}px`;
}

function hide(): void {
  if (tipEl) tipEl.hidden = true;
  shownFor?.removeAttribute('aria-describedby');
  shownFor = null;
}

function markOf(event: Event): Element | null {
  const target = event.target;
  return target instanceof Element ? target.closest('[data-tip]') : null;
}

let installed = false;

/** Listens once, on the document, for every mark that has a tooltip. */
export function installTips(): void {
  if (installed) return;
  installed = true;
  document.addEventListener('mouseover', (e) => {
    const mark = markOf(e);
    if (mark && mark !== shownFor) show(mark);
    else if (!mark && shownFor && document.activeElement !== shownFor) hide();
  });
  document.addEventListener('focusin', (e) => {
    const mark = markOf(e);
    if (mark) show(mark);
    else hide();
  });
  document.addEventListener('focusout', (e) => {
    if (markOf(e) === shownFor) hide();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  window.addEventListener('scroll', () => {
    if (shownFor && document.activeElement !== shownFor) hide();
  }, { passive: true });
}
