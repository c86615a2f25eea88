/** The messages box: problems with the URL or typed values, invalid scenarios, failed runs — in the page's language. */
import { problemText, t } from './i18n.ts';
import { $, el } from './page.ts';
import { lang, page, type Message } from './state.ts';

export function showMessages(list: Message[], errors = false): void {
  page.messages = list;
  page.messagesAreErrors = errors;
  renderMessages();
}

export function renderMessages(): void {
  const box = $('messages');
  const ul = $('messages-list');
  ul.replaceChildren();
  for (const m of page.messages) {
    if ('problem' in m) ul.append(el('li', {}, problemText(lang(), m.problem)));
    else {
      const li = el('li', {}, t(lang(), m.key));
      for (const d of m.detail) li.append(el('br'), document.createTextNode(d));
      ul.append(li);
    }
  }
  box.hidden = page.messages.length === 0;
  box.classList.toggle('error', page.messagesAreErrors);
  $('messages-title').textContent = t(lang(), 'messages');
  $('messages-dismiss').textContent = t(lang(), 'dismiss');
}
