// Persian presentation: digits, numbers, dates (Jalali) and labels for the codes the engine uses.

const persianDigits = '۰۱۲۳۴۵۶۷۸۹';

/** Latin digits as Persian digits. */
export function faDigits(value: string | number): string {
  return String(value).replace(/[0-9]/g, (d) => persianDigits[Number(d)]);
}

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits as Latin digits. */
export function latinDigits(value: string): string {
  return value
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

const numberFormat = new Intl.NumberFormat('fa-IR');

export function faNumber(value: number): string {
  return numberFormat.format(value);
}

const jalaliLong = new Intl.DateTimeFormat('fa-IR-u-ca-persian', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});
const jalaliMonth = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { year: 'numeric', month: 'long', timeZone: 'UTC' });
const jalaliParts = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  timeZone: 'UTC',
});

/** The calendar date of an ISO date or date-time (its first ten characters), or null. */
function isoDay(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** «۵ مرداد ۱۴۰۲» for an ISO date; the text as given when it is not a date. */
export function jalaliDate(iso: string | null | undefined): string {
  const day = isoDay(iso);
  return day ? jalaliLong.format(day) : (iso ?? '');
}

/** «مرداد ۱۴۰۲» for a month «2023-07». */
export function jalaliMonthName(month: string): string {
  const day = isoDay(`${month}-15`);
  return day ? jalaliMonth.format(day) : month;
}

/** Jalali year, month, day of a Gregorian date (UTC). */
export function toJalali(date: Date): [number, number, number] {
  const parts = jalaliParts.formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return [get('year'), get('month'), get('day')];
}

/** Gregorian date (UTC) of a Jalali date: the 33-year arithmetic cycle (exact for 1178–1633 AP). */
export function fromJalali(jy: number, jm: number, jd: number): Date {
  const y = jy + 1595;
  let days =
    -355668 +
    365 * y +
    Math.floor(y / 33) * 8 +
    Math.floor(((y % 33) + 3) / 4) +
    jd +
    (jm < 7 ? (jm - 1) * 31 : (jm - 7) * 30 + 186);
  let gy = 400 * Math.floor(days / 146097);
  days %= 146097;
  if (days > 36524) {
    days--;
    gy += 100 * Math.floor(days / 36524);
    days %= 36524;
    if (days >= 365) days++;
  }
  gy += 4 * Math.floor(days / 1461);
  days %= 1461;
  if (days > 365) {
    gy += Math.floor((days - 1) / 365);
    days = (days - 1) % 365;
  }
  let gd = days + 1;
  const leap = (gy % 4 === 0 && gy % 100 !== 0) || gy % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  let gm = 0;
  while (gm < 12 && gd > monthDays[gm]) {
    gd -= monthDays[gm];
    gm++;
  }
  return new Date(Date.UTC(gy, gm, gd));
}

export interface ParsedDate {
  /** ISO date (Gregorian) for the API. */
  iso: string;
  /** The same day, written in Jalali with Persian digits. */
  jalali: string;
}

/**
 * A date typed by a person: Jalali «۱۴۰۲/۰۵/۰۱» (Persian or Latin digits, / - or . between the parts) or Gregorian
 * «2023-07-23» (a year above 1700). Null when it is not a valid date.
 */
export function parseDate(text: string): ParsedDate | null {
  const m = /^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$/.exec(latinDigits(text));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  let date: Date;
  if (y > 1700) {
    date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() !== mo - 1) return null;
  } else {
    if (y < 1200 || (mo > 6 && d > 30)) return null;
    date = fromJalali(y, mo, d);
    const back = toJalali(date);
    if (back[0] !== y || back[1] !== mo || back[2] !== d) return null; // Esfand 30 of a common year
  }
  const iso = date.toISOString().slice(0, 10);
  const [jy, jm, jd] = toJalali(date);
  const jalali = faDigits(`${jy}/${String(jm).padStart(2, '0')}/${String(jd).padStart(2, '0')}`);
  return { iso, jalali };
}

/** PLOVER 0.8 event types, in the order PLOVER lists them, with Persian labels. */
export const eventTypes: ReadonlyArray<readonly [string, string]> = [
  ['AGREE', 'توافق'],
  ['CONSULT', 'رایزنی'],
  ['SUPPORT', 'حمایت'],
  ['CONCEDE', 'امتیازدهی'],
  ['COOPERATE', 'همکاری'],
  ['AID', 'کمک'],
  ['RETREAT', 'عقب‌نشینی'],
  ['REQUEST', 'درخواست'],
  ['ACCUSE', 'اتهام'],
  ['REJECT', 'رد'],
  ['THREATEN', 'تهدید'],
  ['PROTEST', 'اعتراض'],
  ['SANCTION', 'تحریم'],
  ['MOBILIZE', 'بسیج'],
  ['COERCE', 'اجبار'],
  ['ASSAULT', 'حمله'],
];

const eventLabels = new Map(eventTypes);

export function eventLabel(type: string): string {
  return eventLabels.get(type) ?? type;
}

const entityLabels: Record<string, string> = {
  PER: 'شخص',
  ORG: 'سازمان',
  LOC: 'مکان',
  FAC: 'تأسیسات',
  EVENT: 'رویداد',
  DATE: 'تاریخ',
  TIME: 'زمان',
  MONEY: 'پول',
  PERCENT: 'درصد',
};

export function entityLabel(label: string): string {
  return entityLabels[label] ?? label;
}

const sectorLabels: Record<string, string> = {
  GOV: 'دولت',
  MIL: 'نظامی',
  COP: 'پلیس',
  JUD: 'قضایی',
  LEG: 'قانون‌گذاری',
  PTY: 'حزب',
  OPP: 'مخالفان',
  REB: 'شورشیان',
  IGO: 'سازمان بین‌دولتی',
  NGO: 'سازمان مردم‌نهاد',
  BUS: 'تجاری',
  JRN: 'رسانه',
  MED: 'سلامت',
  EDU: 'آموزش',
  REL: 'مذهبی',
  CVL: 'غیرنظامیان',
  ELI: 'نخبگان',
  LAB: 'کارگری',
  AGR: 'کشاورزی',
  REF: 'پناهندگان',
  HRI: 'حقوق بشر',
  ENV: 'محیط زیست',
  CRM: 'جرائم',
  SPY: 'اطلاعاتی',
  UAF: 'گروه مسلح',
};

export function sectorLabel(sector: string | null | undefined): string {
  if (!sector) return '';
  return sectorLabels[sector] ? `${sectorLabels[sector]} (${sector})` : sector;
}

const removedLabels: Record<string, string> = {
  'end-of-message': 'پایان خبر',
  'news-code': 'کد خبر',
  'share-link': 'پیوند اشتراک',
  navigation: 'ناوبری',
  tags: 'برچسب‌ها',
  'date-line': 'سطر تاریخ',
  'repeated-lead': 'لید تکراری',
  'repeated-paragraph': 'بند تکراری',
  'repeated-title': 'تیتر تکراری',
};

export function removedLabel(reason: string): string {
  return removedLabels[reason] ?? reason;
}
