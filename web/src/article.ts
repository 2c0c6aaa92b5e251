import { getDocument, type ActorRef, type DocumentRecord, type EventRecord, type Token } from './api';
import { agencyName } from './agencies';
import { h, link, notice, replace } from './dom';
import { entityLabel, eventLabel, faNumber, jalaliDate, removedLabel, sectorLabel } from './fa';
import { installTips, setTip, type TipLine } from './tip';
import { safeHref } from './util';

/** `/article?id=…`: a stored record. */
export async function renderArticle(main: HTMLElement, params: URLSearchParams, signal: AbortSignal): Promise<void> {
  const id = params.get('id');
  if (!id) {
    replace(main, notice('شناسه‌ی خبر در نشانی نیست.', 'error'));
    return;
  }
  document.title = 'خبر — دبیر';
  replace(main, notice('در حال بارگیری خبر…'));
  const doc = await getDocument(id, signal);
  if (signal.aborted) return;
  document.title = `${doc.title?.text ?? doc.id} — دبیر`;
  replace(
    main,
    renderRecord(doc, {
      crawled: params.get('view') === 'crawled',
      onViewChange: (crawled) => {
        const next = new URLSearchParams(location.search);
        if (crawled) next.set('view', 'crawled');
        else next.delete('view');
        history.replaceState(null, '', `${location.pathname}?${next}`);
      },
    }),
  );
}

export interface RecordOptions {
  /** Start with the text as crawled instead of the repaired text. */
  crawled?: boolean;
  onViewChange?: (crawled: boolean) => void;
}

type MarkKind = 'removed' | 'actor' | 'entity' | 'trigger';

interface Mark {
  kind: MarkKind;
  start: number;
  end: number;
  make: () => HTMLElement;
}

interface MarkNode {
  mark: Mark | null;
  start: number;
  end: number;
  children: MarkNode[];
}

const kindOrder: Record<MarkKind, number> = { removed: 0, actor: 1, entity: 2, trigger: 3 };

/** The article view of a document record: title, facts, the highlighted text, its events and actors. */
export function renderRecord(doc: DocumentRecord, options: RecordOptions = {}): HTMLElement {
  installTips();
  const src = doc.sourceText ?? '';
  const tokens = [...(doc.tokens ?? [])].sort((a, b) => a.span.start - b.span.start);
  const events = doc.events ?? [];
  const otherEvents = doc.otherEvents ?? [];
  const triggerIds = new Map<EventRecord, string>();
  [...events, ...otherEvents].forEach((e, i) => triggerIds.set(e, `trigger-${i}`));
  const marks = collectMarks(doc, triggerIds);

  const titleEnd = doc.title?.span ? doc.title.span.end : 0;
  let bodyStart = titleEnd;
  while (bodyStart < src.length && /\s/.test(src[bodyStart])) bodyStart++;
  let bodyEnd = src.length;
  while (bodyEnd > bodyStart && /\s/.test(src[bodyEnd - 1])) bodyEnd--;

  const title = h('h1', { class: 'article-title' });
  const body = h('div', { class: 'article-text', dir: 'rtl' });
  const draw = (crawled: boolean) => {
    const text = crawled ? (a: number, b: number) => src.slice(a, b) : repairedText(src, tokens);
    if (doc.title?.span) replace(title, render(marks, doc.title.span.start, doc.title.span.end, text));
    else replace(title, doc.title?.text || doc.id);
    replace(body, render(marks, bodyStart, bodyEnd, text));
    body.classList.toggle('crawled', crawled);
    title.classList.toggle('crawled', crawled);
  };
  draw(options.crawled === true);

  const toggle = h('input', { type: 'checkbox', id: 'crawled-switch', role: 'switch', checked: options.crawled === true });
  toggle.addEventListener('change', () => {
    draw(toggle.checked);
    options.onViewChange?.(toggle.checked);
  });
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('label', { class: 'switch', for: 'crawled-switch' }, toggle, h('span', { class: 'switch-track', 'aria-hidden': 'true' }), 'متن خام (همان‌طور که خزیده شد)'),
    legend(),
  );

  const article = h('article', { class: 'article' }, h('header', { class: 'article-head' }, title, facts(doc)), toolbar, body);

  const side = h(
    'aside',
    { class: 'side', 'aria-label': 'رویدادها و کنشگران' },
    eventsSection('رویدادها', events, triggerIds),
    otherEvents.length > 0 ? eventsSection('رویدادهای بی‌طرف مقابل', otherEvents, triggerIds) : null,
    actorsSection(doc.actors ?? []),
    entitiesSection(doc),
  );
  return h('div', { class: 'article-view' }, article, side);
}

/** The repaired text of a source range: each token's repaired form for its span, the source between tokens as is. */
function repairedText(src: string, tokens: Token[]): (a: number, b: number) => string {
  return (a, b) => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid].span.end <= a) lo = mid + 1;
      else hi = mid;
    }
    let out = '';
    let pos = a;
    let i = lo;
    while (pos < b) {
      const t = tokens[i];
      if (!t || t.span.start >= b) {
        out += src.slice(pos, b);
        break;
      }
      if (t.span.end <= pos) {
        i++;
        continue;
      }
      if (t.span.start > pos) {
        out += src.slice(pos, t.span.start);
        pos = t.span.start;
        continue;
      }
      if (t.span.start === pos && t.span.end <= b) {
        out += t.form;
        pos = t.span.end;
        i++;
        continue;
      }
      // A token cut by the range's edge: its source characters, as crawled.
      const end = Math.min(b, t.span.end);
      out += src.slice(pos, end);
      pos = end;
      if (end === t.span.end) i++;
    }
    return out;
  };
}

/** Nests the marks (outer first; a mark crossing its parent's end is cut there) and renders a source range. */
function render(marks: Mark[], start: number, end: number, text: (a: number, b: number) => string): DocumentFragment {
  const root: MarkNode = { mark: null, start, end, children: [] };
  const stack: MarkNode[] = [root];
  for (const mark of marks) {
    const s = Math.max(mark.start, start);
    let e = Math.min(mark.end, end);
    if (s >= e) continue;
    while (stack.length > 1 && s >= stack[stack.length - 1].end) stack.pop();
    const parent = stack[stack.length - 1];
    e = Math.min(e, parent.end);
    if (s >= e) continue;
    const node: MarkNode = { mark, start: s, end: e, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  const emit = (node: MarkNode, into: Node) => {
    let pos = node.start;
    for (const child of node.children) {
      if (child.start > pos) into.appendChild(document.createTextNode(text(pos, child.start)));
      const el = child.mark!.make();
      emit(child, el);
      into.appendChild(el);
      pos = child.end;
    }
    if (node.end > pos) into.appendChild(document.createTextNode(text(pos, node.end)));
  };
  const fragment = document.createDocumentFragment();
  emit(root, fragment);
  return fragment;
}

function actorLines(a: ActorRef): TipLine[] {
  const lines: TipLine[] = [];
  if (a.country) lines.push({ label: 'کشور', value: a.country });
  if (a.sector) lines.push({ label: 'بخش', value: sectorLabel(a.sector) });
  if (a.cameo) lines.push({ label: 'کد CAMEO', value: a.cameo });
  if (a.resolution) lines.push({ label: 'شناسایی', value: resolutionLabel(a.resolution) });
  if (a.id) lines.push({ label: 'شناسه', value: a.id });
  return lines;
}

function resolutionLabel(r: string): string {
  const labels: Record<string, string> = {
    alias: 'نام مستعار در واژه‌نامه',
    role: 'از روی سمت',
    anaphor: 'ارجاع ضمیری',
    publisher: 'ناشر خبر',
    exact: 'نام دقیق',
    user: 'واژه‌نامه‌ی کاربر',
  };
  return labels[r] ? `${labels[r]} (${r})` : r;
}

function eventSentence(e: EventRecord): string {
  const parts = [partyName(e.actor), `${eventLabel(e.type)} ${e.type}`];
  if (e.recipients.length > 0) parts.push(e.recipients.map(partyName).join('، '));
  return parts.join(' ← ');
}

function partyName(a: ActorRef): string {
  return a.text;
}

function collectMarks(doc: DocumentRecord, triggerIds: Map<EventRecord, string>): Mark[] {
  const marks: Mark[] = [];
  for (const r of doc.removed ?? []) {
    marks.push({
      kind: 'removed',
      start: r.span.start,
      end: r.span.end,
      make: () => {
        const el = h('span', { class: 'removed' });
        setTip(el, { kind: 'removed', heading: 'حذف‌شده از متن خبر', lines: [{ label: 'دلیل', value: removedLabel(r.reason) }] });
        return el;
      },
    });
  }
  for (const a of doc.actors ?? []) {
    marks.push({
      kind: 'actor',
      start: a.start,
      end: a.end,
      make: () => {
        const el = h('span', { class: `actor${a.id ? '' : ' unresolved'}`, 'data-actor': a.id ?? '' });
        setTip(el, { kind: 'actor', heading: a.name || a.text, lines: actorLines(a) });
        return el;
      },
    });
  }
  for (const e of doc.entities ?? []) {
    marks.push({
      kind: 'entity',
      start: e.span.start,
      end: e.span.end,
      make: () => {
        const el = h('span', { class: `entity entity-${e.label}`, 'data-label': e.label });
        setTip(el, { kind: 'entity', heading: `${entityLabel(e.label)} (${e.label})`, lines: [] });
        return el;
      },
    });
  }
  for (const [e, id] of triggerIds) {
    if (!e.trigger || e.trigger.end <= e.trigger.start) continue;
    marks.push({
      kind: 'trigger',
      start: e.trigger.start,
      end: e.trigger.end,
      make: () => {
        const el = h('span', { class: `trigger${e.negated ? ' negated' : ''}`, id });
        const lines: TipLine[] = [{ label: 'رویداد', value: eventSentence(e) }];
        if (e.cameo) lines.push({ label: 'CAMEO', value: `${e.cameo} ${e.cameoName ?? ''}`.trim() });
        if (e.negated) lines.push({ label: 'نفی', value: 'رخ نداده یا رد شده' });
        setTip(el, { kind: 'trigger', heading: `${eventLabel(e.type)} (${e.type})`, lines });
        return el;
      },
    });
  }
  // Outer marks first: earlier start, then longer, then removed > actor > entity > trigger.
  marks.sort((x, y) => x.start - y.start || y.end - x.end || kindOrder[x.kind] - kindOrder[y.kind]);
  return marks;
}

function publishedIso(p: DocumentRecord['published'] | unknown): string | null {
  if (!p) return null;
  if (typeof p === 'string') return p;
  if (typeof p === 'object' && 'iso' in p && typeof (p as { iso: unknown }).iso === 'string') return (p as { iso: string }).iso;
  return null;
}

function fieldText(f: unknown): string | null {
  if (!f) return null;
  if (typeof f === 'string') return f;
  if (typeof f === 'object' && 'text' in f && typeof (f as { text: unknown }).text === 'string') return (f as { text: string }).text;
  return null;
}

function facts(doc: DocumentRecord): HTMLElement {
  const iso = publishedIso(doc.published);
  const reporter = fieldText(doc.reporter);
  const href = safeHref(doc.url);
  return h(
    'div',
    { class: 'facts' },
    doc.agency ? h('span', { class: 'agency' }, doc.agency.nameFa || agencyName(doc.agency.id)) : null,
    iso ? h('time', { datetime: iso }, jalaliDate(iso)) : null,
    reporter ? h('span', null, `خبرنگار: ${reporter}`) : null,
    href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank', class: 'source-link', dir: 'ltr' }, new URL(href).host) : null,
    h('span', { class: 'muted doc-id', dir: 'ltr' }, doc.id),
  );
}

function legend(): HTMLElement {
  const item = (cls: string, text: string) => h('li', null, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text);
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'راهنمای رنگ‌ها' },
    item('actor', 'کنشگر'),
    item('entity entity-PER', 'شخص'),
    item('entity entity-ORG', 'سازمان'),
    item('entity entity-LOC', 'مکان'),
    item('trigger', 'فعل رویداد'),
    item('removed', 'حذف‌شده'),
  );
}

function eventsSection(heading: string, events: EventRecord[], triggerIds: Map<EventRecord, string>): HTMLElement {
  const section = h('section', { class: 'side-section events' }, h('h2', null, heading, h('span', { class: 'count' }, faNumber(events.length))));
  if (events.length === 0) {
    section.append(h('p', { class: 'muted' }, 'رویدادی در این متن پیدا نشد.'));
    return section;
  }
  const list = h('ol', { class: 'event-list' });
  for (const e of events) {
    const id = triggerIds.get(e)!;
    const button = h(
      'button',
      { type: 'button', class: 'event', 'aria-controls': id, 'data-type': e.type },
      h('span', { class: 'party' }, partyName(e.actor)),
      h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' ← '),
      h('span', { class: `type type-${e.type}` }, eventLabel(e.type), ' ', h('span', { class: 'code', dir: 'ltr' }, e.type)),
      e.recipients.length > 0 ? h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' ← ') : null,
      e.recipients.length > 0 ? h('span', { class: 'party' }, e.recipients.map(partyName).join('، ')) : null,
    );
    const detail = h(
      'p',
      { class: 'event-detail' },
      h('q', null, e.trigger?.text ?? ''),
      e.negated ? h('span', { class: 'tag tag-negated' }, 'نفی‌شده') : null,
      e.mode ? h('span', { class: 'tag' }, e.mode) : null,
      e.cameo ? h('span', { class: 'tag', dir: 'ltr' }, `CAMEO ${e.cameo}`) : null,
    );
    button.addEventListener('click', () => {
      const target = document.getElementById(id);
      if (!target) return;
      for (const el of document.querySelectorAll('.trigger.current')) el.classList.remove('current');
      for (const el of document.querySelectorAll('button.event[aria-pressed="true"]')) el.setAttribute('aria-pressed', 'false');
      target.classList.add('current');
      button.setAttribute('aria-pressed', 'true');
      target.scrollIntoView({ block: 'center', behavior: 'smooth' });
      target.focus({ preventScroll: true });
    });
    list.append(h('li', null, button, detail));
  }
  section.append(list);
  return section;
}

function actorsSection(actors: ActorRef[]): HTMLElement {
  const byId = new Map<string, { actor: ActorRef; count: number }>();
  for (const a of actors) {
    if (!a.id) continue;
    const seen = byId.get(a.id);
    if (seen) seen.count++;
    else byId.set(a.id, { actor: a, count: 1 });
  }
  const list = [...byId.values()].sort((x, y) => y.count - x.count);
  const section = h('section', { class: 'side-section' }, h('h2', null, 'کنشگران', h('span', { class: 'count' }, faNumber(list.length))));
  if (list.length === 0) {
    section.append(h('p', { class: 'muted' }, 'کنشگری شناسایی نشد.'));
    return section;
  }
  section.append(
    h(
      'ul',
      { class: 'actor-list' },
      list.map(({ actor, count }) =>
        h(
          'li',
          null,
          link(`/actor?id=${encodeURIComponent(actor.id!)}`, { class: 'actor-link' }, actor.text),
          h('span', { class: 'muted', dir: 'ltr' }, ` ${actor.name ?? ''}`),
          h('span', { class: 'meta' }, [actor.country, actor.sector].filter(Boolean).join(' · '), count > 1 ? ` · ${faNumber(count)}×` : ''),
        ),
      ),
    ),
  );
  return section;
}

function entitiesSection(doc: DocumentRecord): HTMLElement | null {
  const groups = new Map<string, Map<string, number>>();
  for (const e of doc.entities ?? []) {
    const group = groups.get(e.label) ?? new Map<string, number>();
    group.set(e.text, (group.get(e.text) ?? 0) + 1);
    groups.set(e.label, group);
  }
  if (groups.size === 0) return null;
  return h(
    'section',
    { class: 'side-section' },
    h('h2', null, 'موجودیت‌های نام‌دار'),
    [...groups].map(([label, names]) =>
      h(
        'div',
        { class: 'entity-group' },
        h('h3', null, entityLabel(label)),
        h('p', { class: 'chips' }, [...names.keys()].map((name) => h('span', { class: `chip entity-chip entity-${label}` }, name))),
      ),
    ),
  );
}
