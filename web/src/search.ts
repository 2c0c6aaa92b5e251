import { ApiError, search, stats, type SearchHit } from './api';
import { agencyName, agencyNames } from './agencies';
import { h, link, notice, replace } from './dom';
import { eventLabel, eventTypes, faDigits, faNumber, jalaliDate, parseDate } from './fa';
import { navigate } from './router';
import { safeHref } from './util';

/** The search's URL parameters, in the order they are written into the URL. */
const fields = ['q', 'from', 'to', 'agency', 'actor', 'event'] as const;
type Field = (typeof fields)[number];

const examples = ['"شورای امنیت"', 'تحریم -نفت', 'وزیر امور خارجه', 'اصفهان*'];

/** `/?q=…&from=…`: the search form, and the results of the search the URL names. */
export async function renderSearch(main: HTMLElement, params: URLSearchParams, signal: AbortSignal): Promise<void> {
  const value = (name: Field) => params.get(name)?.trim() ?? '';
  const q = value('q');
  document.title = q ? `${q} — جست‌وجو در دبیر` : 'دبیر — جست‌وجوی اخبار فارسی';

  const input = (name: Field, label: string, attrs: Record<string, string> = {}) => {
    const id = `f-${name}`;
    const el = h('input', { id, name, type: 'text', value: value(name), autocomplete: 'off', ...attrs });
    return { el, wrap: h('div', { class: 'field' }, h('label', { for: id }, label), el) };
  };

  const qInput = h('input', {
    id: 'q',
    name: 'q',
    type: 'search',
    value: q,
    placeholder: 'جست‌وجو در اخبار… مثلاً «شورای امنیت» یا تحریم -نفت',
    'aria-label': 'عبارت جست‌وجو',
    enterkeyhint: 'search',
    autocomplete: 'off',
    dir: 'auto',
  });
  const from = input('from', 'از تاریخ', { placeholder: '۱۴۰۲/۰۵/۰۱', inputmode: 'numeric', 'aria-describedby': 'f-from-hint' });
  const to = input('to', 'تا تاریخ', { placeholder: '۱۴۰۲/۱۲/۲۹', inputmode: 'numeric', 'aria-describedby': 'f-to-hint' });
  from.wrap.append(h('small', { id: 'f-from-hint', class: 'hint' }, 'شمسی یا میلادی'));
  to.wrap.append(h('small', { id: 'f-to-hint', class: 'hint' }, 'شمسی یا میلادی'));
  const agency = input('agency', 'خبرگزاری', { list: 'agency-list', placeholder: 'مثلاً fars یا مهر' });
  const actor = input('actor', 'کنشگر', { placeholder: 'نام یا شناسه' });
  const eventSelect = h(
    'select',
    { id: 'f-event', name: 'event' },
    h('option', { value: '' }, 'همه'),
    eventTypes.map(([code, label]) => h('option', { value: code, selected: value('event') === code }, `${label} (${code})`)),
  );
  const agencyList = h(
    'datalist',
    { id: 'agency-list' },
    Object.entries(agencyNames).map(([id, name]) => h('option', { value: id }, name)),
  );

  const activeFilters = fields.filter((f) => f !== 'q' && value(f) !== '').length;
  const filters = h(
    'details',
    { class: 'filters', open: activeFilters > 0 },
    h('summary', null, 'فیلترها', activeFilters > 0 ? h('span', { class: 'count' }, faDigits(activeFilters)) : null),
    h(
      'div',
      { class: 'filter-grid' },
      from.wrap,
      to.wrap,
      agency.wrap,
      actor.wrap,
      h('div', { class: 'field' }, h('label', { for: 'f-event' }, 'نوع رویداد'), eventSelect),
    ),
    agencyList,
  );
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'search', role: 'search', action: '/', method: 'get', novalidate: true },
    h('div', { class: 'search-row' }, qInput, h('button', { type: 'submit', class: 'primary' }, 'جست‌وجو')),
    filters,
    formError,
  );

  // Jalali dates are shown back as understood (or refused) as they are typed.
  for (const [field, hintId] of [
    [from.el, 'f-from-hint'],
    [to.el, 'f-to-hint'],
  ] as const) {
    const hint = form.querySelector<HTMLElement>(`#${hintId}`);
    const update = () => {
      const text = field.value.trim();
      const parsed = text ? parseDate(text) : null;
      field.toggleAttribute('aria-invalid', text !== '' && parsed === null);
      if (hint) hint.textContent = !text ? 'شمسی یا میلادی' : parsed ? `${parsed.jalali} (\u2066${parsed.iso}\u2069)` : 'تاریخ نامعتبر';
    };
    field.addEventListener('input', update);
    update();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const f of fields) {
      const v = String(data.get(f) ?? '').trim();
      if (v) next.set(f, v);
    }
    for (const f of ['from', 'to'] as const) {
      const v = next.get(f);
      if (v && !parseDate(v)) {
        formError.hidden = false;
        formError.textContent = `تاریخ «\u2068${v}\u2069» را نمی‌شناسم؛ مثلاً ۱۴۰۲/۰۵/۰۱ یا \u20662023-07-23\u2069 بنویسید.`;
        (f === 'from' ? from.el : to.el).focus();
        return;
      }
    }
    if (!next.get('q')) {
      formError.hidden = false;
      formError.textContent = 'عبارتی برای جست‌وجو بنویسید.';
      qInput.focus();
      return;
    }
    navigate(`/?${next}`);
  });

  const results = h('section', { class: 'results', 'aria-live': 'polite', 'aria-busy': 'false' });
  replace(main, h('div', { class: 'search-view' }, form, results));

  if (!q) {
    qInput.focus();
    renderIntro(results, signal);
    return;
  }

  results.setAttribute('aria-busy', 'true');
  replace(results, notice('در حال جست‌وجو…'));
  const fromDate = value('from') ? parseDate(value('from')) : null;
  const toDate = value('to') ? parseDate(value('to')) : null;
  try {
    const answer = await search(
      {
        q,
        from: fromDate?.iso ?? value('from'),
        to: toDate?.iso ?? value('to'),
        agency: value('agency'),
        actor: value('actor'),
        event: value('event'),
        limit: 20,
      },
      signal,
    );
    if (signal.aborted) return;
    renderHits(results, q, answer.hits, params);
  } catch (e) {
    if (signal.aborted) return;
    const message =
      e instanceof ApiError && e.status === 400 ? `جست‌وجو نامعتبر است: ${e.detail ?? e.title}` : String((e as Error).message);
    replace(results, notice(message, 'error'));
  } finally {
    results.setAttribute('aria-busy', 'false');
  }
}

function renderHits(results: HTMLElement, q: string, hits: SearchHit[], params: URLSearchParams): void {
  const filterText = [
    params.get('from') && `از ${params.get('from')}`,
    params.get('to') && `تا ${params.get('to')}`,
    params.get('agency') && `خبرگزاری: ${agencyName(params.get('agency'))}`,
    params.get('actor') && `کنشگر: ${params.get('actor')}`,
    params.get('event') && `رویداد: ${eventLabel(params.get('event') ?? '')}`,
  ].filter(Boolean);
  const summary = h(
    'p',
    { class: 'summary' },
    hits.length === 0 ? 'نتیجه‌ای برای ' : `${faNumber(hits.length)} خبر برای `,
    h('q', { class: 'query' }, q),
    hits.length === 0 ? ' پیدا نشد.' : '',
    filterText.length > 0 ? h('span', { class: 'muted' }, ` — ${filterText.join('، ')}`) : '',
  );
  if (hits.length === 0) {
    replace(results, summary, h('p', { class: 'muted' }, 'واژه‌های کمتر یا فیلترهای بازتری را امتحان کنید.'));
    return;
  }
  replace(results, summary, h('ol', { class: 'hits' }, hits.map(hitRow)));
}

function hitRow(hit: SearchHit): HTMLElement {
  const articleHref = `/article?id=${encodeURIComponent(hit.id)}`;
  const meta = h(
    'div',
    { class: 'hit-meta' },
    hit.agency ? h('span', { class: 'agency' }, agencyName(hit.agency)) : null,
    hit.published ? h('time', { datetime: hit.published.slice(0, 10) }, jalaliDate(hit.published)) : null,
    hit.copies > 1
      ? h('span', { class: 'copies', title: 'نسخه‌های تقریباً یکسان این خبر در بایگانی' }, `${faNumber(hit.copies)} نسخه`)
      : null,
  );
  const original = safeHref(hit.url);
  return h(
    'li',
    { class: 'hit' },
    h('h2', { class: 'hit-title' }, link(articleHref, null, hit.title?.trim() || hit.id)),
    meta,
    hit.snippet ? snippet(hit.snippet) : null,
    original
      ? h('a', { class: 'source-link', href: original, rel: 'noopener noreferrer', target: '_blank', dir: 'ltr' }, shortUrl(original))
      : null,
  );
}

/** The snippet's text with its matched words in <mark>: cut from the text by the highlights' offsets. */
function snippet(s: NonNullable<SearchHit['snippet']>): HTMLElement {
  const p = h('p', { class: 'snippet' });
  if (s.sourceStart > 0) p.append('… ');
  let pos = 0;
  const marks = [...s.highlights].sort((a, b) => a.start - b.start);
  for (const m of marks) {
    if (m.start < pos || m.start + m.length > s.text.length) continue;
    p.append(s.text.slice(pos, m.start), h('mark', null, s.text.slice(m.start, m.start + m.length)));
    pos = m.start + m.length;
  }
  p.append(s.text.slice(pos), ' …');
  return p;
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = decodeURIComponent(u.pathname);
    return u.host + (path.length > 40 ? `${path.slice(0, 40)}…` : path);
  } catch {
    return url;
  }
}

/** No query yet: what to type, and the archive's most frequent actors when the store has them. */
function renderIntro(results: HTMLElement, signal: AbortSignal): void {
  const intro = h(
    'div',
    { class: 'intro' },
    h(
      'p',
      { class: 'lede' },
      'جست‌وجو در بایگانی اخبار با صورت‌های اصلاح‌شده و ریشه‌ی واژه‌ها: نیم‌فاصله، «ي/ی» و صرف فعل مهم نیست.',
    ),
    h(
      'dl',
      { class: 'syntax' },
      h('dt', null, h('code', null, '"شورای امنیت"')),
      h('dd', null, 'عبارت دقیق'),
      h('dt', null, h('code', null, 'ایران AND عراق')),
      h('dd', null, 'هر دو؛ OR یعنی یکی از آن دو'),
      h('dt', null, h('code', null, 'تحریم -نفت')),
      h('dd', null, 'بدون واژه‌ی «نفت»'),
      h('dt', null, h('code', null, 'اصفهان*')),
      h('dd', null, 'هر واژه‌ای که با «اصفهان» آغاز شود'),
    ),
    h(
      'p',
      { class: 'examples' },
      'نمونه‌ها: ',
      examples.map((e) => link(`/?q=${encodeURIComponent(e)}`, { class: 'chip' }, e)),
    ),
  );
  replace(results, intro);
  stats(signal)
    .then((s) => {
      const top = pairs(s.topActors).slice(0, 12);
      if (top.length === 0 || signal.aborted) return;
      intro.append(
        h('h2', { class: 'section-title' }, 'کنشگران پرتکرار'),
        h(
          'p',
          { class: 'examples' },
          top.map(([id, n]) =>
            link(`/actor?id=${encodeURIComponent(id)}`, { class: 'chip' }, id, h('span', { class: 'muted' }, ` ${faNumber(n)}`)),
          ),
        ),
      );
    })
    .catch(() => {
      // statistics are optional on this page
    });
}

/** A list of (key, count) as the API may write it: [{key,value}], [[k,v]] or {k: v}. */
function pairs(value: unknown): [string, number][] {
  if (Array.isArray(value)) {
    return value.flatMap((item): [string, number][] => {
      if (Array.isArray(item) && item.length >= 2) return [[String(item[0]), Number(item[1])]];
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        const key = o.key ?? o.id ?? o.actor ?? o.name;
        const count = o.value ?? o.count ?? o.documents;
        if (key !== undefined && key !== '') return [[String(key), Number(count ?? 0)]];
      }
      return [];
    });
  }
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, Number(v)]);
  }
  return [];
}
