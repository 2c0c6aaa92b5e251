import { analyze } from './api';
import { renderRecord } from './article';
import { h, notice, replace } from './dom';
import { faNumber } from './fa';

const sample =
  'امیرعبداللهیان با روسای برخی از سازمانهای بینالمللی رایزنی کرد\n\n' +
  'به گزارش خبرگزاری مهر، حسین امیرعبداللهیان وزیر امور خارجه کشورمان با ارسال نامه های جداگانه به دبیرکل آسه آن و رئیس کمیسیون اتحادیه آفریقا به تبیین تحولات فلسطین پرداخت.';

/** `/analyze`: any Persian text (or a whole crawled article, or HTML) analysed on the server and shown as an article. */
export function renderAnalyze(main: HTMLElement, _params: URLSearchParams, signal: AbortSignal): void {
  document.title = 'تحلیل متن — دبیر';
  const textarea = h('textarea', {
    id: 'analyze-text',
    name: 'text',
    rows: 10,
    dir: 'auto',
    placeholder: 'متن یا خبر فارسی را اینجا بچسبانید…',
    'aria-label': 'متن برای تحلیل',
    spellcheck: 'false',
  });
  const count = h('span', { class: 'muted' });
  const updateCount = () => {
    count.textContent = `${faNumber(textarea.value.length)} نویسه`;
  };
  textarea.addEventListener('input', updateCount);
  updateCount();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'تحلیل کن');
  const example = h('button', { type: 'button', class: 'secondary' }, 'نمونه');
  example.addEventListener('click', () => {
    textarea.value = sample;
    updateCount();
    textarea.focus();
  });
  const output = h('section', { class: 'analysis', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'analyze-form' },
    h('h1', null, 'تحلیل متن'),
    h('p', { class: 'muted' }, 'متن خام، خبر کامل یا HTML صفحه را بچسبانید: نویسه‌ها و نیم‌فاصله‌ها اصلاح می‌شوند و موجودیت‌ها، کنشگران و رویدادها نشان داده می‌شوند. متن ذخیره نمی‌شود.'),
    textarea,
    h('div', { class: 'form-actions' }, submit, example, count),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = textarea.value;
    if (!text.trim()) {
      replace(output, notice('متنی برای تحلیل نیست.', 'error'));
      textarea.focus();
      return;
    }
    submit.disabled = true;
    output.setAttribute('aria-busy', 'true');
    replace(output, notice('در حال تحلیل…'));
    try {
      const doc = await analyze(text, signal);
      if (signal.aborted) return;
      replace(output, renderRecord(doc));
    } catch (e) {
      if (signal.aborted) return;
      replace(output, notice((e as Error).message, 'error'));
    } finally {
      submit.disabled = false;
      output.setAttribute('aria-busy', 'false');
    }
  });
  replace(main, h('div', { class: 'analyze-view' }, form, output));
  textarea.focus();
}
