import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import { getActor, getEvents, type ActorActivity, type EventHit } from './api';
import { h, link, notice, replace } from './dom';
import { eventLabel, eventTypes, faNumber, jalaliDate, jalaliMonthName, sectorLabel } from './fa';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** One colour per PLOVER type: cooperation in greens and blues, conflict in ambers and reds. */
export const typeColors: Record<string, string> = {
  AGREE: '#2a9d8f',
  CONSULT: '#3d6f99',
  SUPPORT: '#52b788',
  CONCEDE: '#90be6d',
  COOPERATE: '#1d6f6a',
  AID: '#74c69d',
  RETREAT: '#8ecae6',
  REQUEST: '#7b8794',
  ACCUSE: '#f4a261',
  REJECT: '#e9c46a',
  THREATEN: '#e76f51',
  PROTEST: '#f77f00',
  SANCTION: '#b5838d',
  MOBILIZE: '#8e5cc4',
  COERCE: '#c1121f',
  ASSAULT: '#6a040f',
};

let chart: Chart | null = null;

/** `/actor?id=…`: the actor's events by month and type, its counterparts and latest events. */
export async function renderActor(main: HTMLElement, params: URLSearchParams, signal: AbortSignal): Promise<void> {
  const id = params.get('id');
  if (!id) {
    replace(main, notice('شناسه‌ی کنشگر در نشانی نیست.', 'error'));
    return;
  }
  document.title = `${id} — دبیر`;
  replace(main, notice('در حال بارگیری کنشگر…'));
  const [activity, events] = await Promise.all([
    getActor(id, signal),
    getEvents(id, 15, signal).catch(() => ({ events: [] as EventHit[] })),
  ]);
  if (signal.aborted) return;
  document.title = `${activity.name ?? activity.id} — دبیر`;

  const total = activity.months.reduce((n, m) => n + m.asActor + m.asRecipient, 0);
  const head = h(
    'header',
    { class: 'actor-head' },
    h('h1', { dir: 'auto' }, activity.name ?? activity.id),
    h(
      'div',
      { class: 'facts' },
      h('span', { dir: 'ltr', class: 'muted' }, activity.id),
      activity.country ? h('span', null, `کشور: ${activity.country}`) : null,
      activity.sector ? h('span', null, `بخش: ${sectorLabel(activity.sector)}`) : null,
      activity.cameo ? h('span', { dir: 'ltr' }, `CAMEO ${activity.cameo}`) : null,
      h('span', null, `${faNumber(activity.documents)} سند`),
      h('span', null, `${faNumber(total)} رویداد`),
    ),
  );

  const chartBox = h('div', { class: 'chart-box' });
  const timeline = h(
    'section',
    { class: 'panel timeline' },
    h('h2', null, 'رویدادها در هر ماه'),
    h('p', { class: 'muted' }, 'هر ستون یک ماه (شمسی)، رنگ‌ها نوع رویداد؛ هم رویدادهایی که کنشگر انجام داده و هم آن‌هایی که طرف مقابلش بوده.'),
    chartBox,
  );

  const counterparts = h(
    'section',
    { class: 'panel' },
    h('h2', null, 'طرف‌های مقابل', h('span', { class: 'count' }, faNumber(activity.counterparts.length))),
    activity.counterparts.length === 0
      ? h('p', { class: 'muted' }, 'طرف مقابلی ثبت نشده است.')
      : h(
          'ol',
          { class: 'counterparts' },
          activity.counterparts.map((c) =>
            h(
              'li',
              null,
              link(`/actor?id=${encodeURIComponent(c.id)}`, { class: 'actor-link', dir: 'auto' }, c.name ?? c.id),
              h('span', { class: 'bar-count' }, `${faNumber(c.events)} رویداد`),
            ),
          ),
        ),
  );

  const recent = h(
    'section',
    { class: 'panel' },
    h('h2', null, 'تازه‌ترین رویدادها'),
    events.events.length === 0
      ? h('p', { class: 'muted' }, 'رویدادی پیدا نشد.')
      : h('ol', { class: 'recent-events' }, events.events.map(recentEvent)),
  );

  replace(main, h('div', { class: 'actor-view' }, head, timeline, h('div', { class: 'actor-columns' }, counterparts, recent)));
  drawChart(chartBox, activity);
}

function recentEvent(hit: EventHit): HTMLElement {
  const e = hit.event;
  const sentence = [e.actor?.text, `${eventLabel(e.type)} ${e.type}`, e.recipients?.map((r) => r.text).join('، ')]
    .filter(Boolean)
    .join(' ← ');
  const published = hit.document.published;
  return h(
    'li',
    null,
    dot(e.type),
    h('span', { class: 'sentence' }, sentence),
    h(
      'span',
      { class: 'meta' },
      link(`/article?id=${encodeURIComponent(hit.document.id)}`, null, hit.document.title?.trim() || hit.document.id),
      published ? ` · ${jalaliDate(published)}` : '',
    ),
  );
}

function dot(type: string): HTMLElement {
  const el = h('span', { class: 'swatch-dot', 'data-type': type, title: eventLabel(type) });
  el.style.background = typeColors[type] ?? '#999';
  return el;
}

/** Every month from the first to the last one with events, so that quiet months show as gaps. */
function monthRange(months: string[]): string[] {
  const valid = months.filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  if (valid.length === 0) return [];
  const out: string[] = [];
  let [y, m] = valid[0].split('-').map(Number);
  const [ly, lm] = valid[valid.length - 1].split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 600) break;
  }
  return out;
}

function drawChart(box: HTMLElement, activity: ActorActivity): void {
  chart?.destroy();
  chart = null;
  const months = monthRange(activity.months.map((m) => m.month));
  if (months.length === 0) {
    replace(box, h('p', { class: 'muted' }, 'این کنشگر رویداد تاریخ‌داری ندارد.'));
    return;
  }
  const types = eventTypes.map(([code]) => code).filter((t) => activity.months.some((m) => m.type === t));
  for (const m of activity.months) if (!types.includes(m.type)) types.push(m.type);
  const index = new Map(months.map((m, i) => [m, i]));
  const datasets: ChartDataset<'bar', number[]>[] = types.map((type) => {
    const data = months.map(() => 0);
    for (const m of activity.months) {
      const i = index.get(m.month);
      if (m.type === type && i !== undefined) data[i] += m.asActor + m.asRecipient;
    }
    return { label: `${eventLabel(type)} (${type})`, data, backgroundColor: typeColors[type] ?? '#999', borderWidth: 0, stack: 'events' };
  });

  const undated = activity.months.filter((m) => !/^\d{4}-\d{2}$/.test(m.month)).reduce((n, m) => n + m.asActor + m.asRecipient, 0);
  const canvas = h('canvas', { role: 'img', 'aria-label': `نمودار ماهانه‌ی رویدادهای ${activity.name ?? activity.id}` });
  const wrap = h('div', { class: 'chart-canvas' }, canvas);
  const table = dataTable(months, types, activity);
  replace(
    box,
    wrap,
    undated > 0 ? h('p', { class: 'muted undated' }, `${faNumber(undated)} رویداد در خبرهای بی‌تاریخ در نمودار نیامده است.`) : null,
    table,
  );

  const font = { family: 'Vazirmatn, sans-serif', size: 12 };
  chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: months.map(jalaliMonthName), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: 'fa-IR',
      scales: {
        x: { stacked: true, reverse: true, ticks: { font, maxRotation: 0, autoSkip: true }, grid: { display: false } },
        y: { stacked: true, position: 'right', beginAtZero: true, ticks: { font, precision: 0 } },
      },
      plugins: {
        legend: { position: 'bottom', rtl: true, labels: { font, boxWidth: 12, boxHeight: 12 } },
        tooltip: { rtl: true, titleFont: font, bodyFont: font, filter: (item) => (item.raw as number) > 0 },
      },
    },
  });
  canvas.dataset.drawn = 'true';
}

/** The chart's numbers as a table (for screen readers and for copying). */
function dataTable(months: string[], types: string[], activity: ActorActivity): HTMLElement {
  const counts = new Map<string, { asActor: number; asRecipient: number }>();
  for (const m of activity.months) {
    const key = `${m.month} ${m.type}`;
    const c = counts.get(key) ?? { asActor: 0, asRecipient: 0 };
    c.asActor += m.asActor;
    c.asRecipient += m.asRecipient;
    counts.set(key, c);
  }
  const rows = months.flatMap((month) =>
    types.flatMap((type) => {
      const c = counts.get(`${month} ${type}`);
      return c ? [h('tr', null, h('td', null, jalaliMonthName(month)), h('td', null, `${eventLabel(type)} (${type})`), h('td', null, faNumber(c.asActor)), h('td', null, faNumber(c.asRecipient)))] : [];
    }),
  );
  return h(
    'details',
    { class: 'data-table' },
    h('summary', null, 'جدول داده‌ها'),
    h(
      'table',
      null,
      h('thead', null, h('tr', null, h('th', null, 'ماه'), h('th', null, 'نوع'), h('th', null, 'کنشگر'), h('th', null, 'طرف مقابل'))),
      h('tbody', null, rows),
    ),
  );
}
