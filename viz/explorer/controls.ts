/**
 * The controls: city, mode and policy-scenario choosers, run settings, and
 * the lever controls generated from the schema (levers.ts) — sliders with a
 * number box, toggles and choices, grouped by policy block, with "changed"
 * and "differs from A" badges and each lever's documentation and source.
 */
import { leversOf } from './permalink.ts';
import { checkNumber, policyInfo, roundToStep, runSettings, type Lever, type LeverValue, type RunSetting } from './levers.ts';
import { groupTitle, leverDoc, leverLabel, optionLabel, t, unitLabel } from './i18n.ts';
import type { ScenarioEntry } from './catalog.ts';
import { $, el } from './page.ts';
import { cityOf, entryOf, lang, page, persist, valueOf } from './state.ts';
import { showMessages } from './messages.ts';
import { sourceLine } from './sourceLine.ts';

function scenarioOptionText(s: ScenarioEntry): string {
  const title = lang() === 'zh' && s.title_zh ? s.title_zh : s.title;
  return s.isCity ? `${title} (${t(lang(), 'asShipped')})` : title;
}

export function renderChoosers(): void {
  const citySel = $<HTMLSelectElement>('city');
  citySel.replaceChildren(
    ...page.catalog.cities.map((c) => el('option', { value: c.id }, lang() === 'zh' && c.title_zh ? c.title_zh : c.title)),
  );
  citySel.value = page.state.city;
  $<HTMLInputElement>('mode-one').checked = page.state.mode === 'one';
  $<HTMLInputElement>('mode-ab').checked = page.state.mode === 'ab';
  const sw = $('edit-switch');
  sw.hidden = page.state.mode !== 'ab';
  sw.style.display = page.state.mode === 'ab' ? '' : 'none';
  $('edit-A').setAttribute('aria-pressed', String(page.editing === 'A'));
  $('edit-B').setAttribute('aria-pressed', String(page.editing === 'B'));
  const scSel = $<HTMLSelectElement>('scenario');
  scSel.replaceChildren(...cityOf().scenarios.map((s) => el('option', { value: s.id }, scenarioOptionText(s))));
  scSel.value = page.state[page.editing].scenario;
  const label = page.state.mode === 'ab' ? `${t(lang(), 'policyScenario')} (${page.editing})` : t(lang(), 'policyScenario');
  $('scenario-label').textContent = label;
  const e = entryOf(page.editing);
  $('scenario-question').textContent = (lang() === 'zh' ? e.question_zh ?? e.question : e.question) ?? '';
  for (const r of runSettings()) {
    const input = $<HTMLInputElement>(`run-${r.key}`);
    input.min = String(r.key === 'sample' ? 0 : r.min);
    input.max = String(r.max);
    input.step = String(r.step);
    input.value = String(page.state.run[r.key]);
  }
}

function leverTitle(l: Lever): string {
  const base = leverLabel(lang(), l);
  return l.zone ? `${base} — ${l.zone.name}` : base;
}

function unitText(l: Lever): string {
  return unitLabel(lang(), l.unit);
}

export function renderLevers(): void {
  const box = $('levers');
  const focusId = document.activeElement?.id;
  box.replaceChildren();
  const entry = entryOf(page.editing);
  const levers = leversOf(entry);
  const groups = new Map<string, Lever[]>();
  for (const l of levers) {
    if (!groups.has(l.group)) groups.set(l.group, []);
    groups.get(l.group)!.push(l);
  }
  const policyGroups = [...groups].filter(([g]) => g.startsWith('policies.'));
  const cityGroups = [...groups].filter(([g]) => !g.startsWith('policies.'));
  for (const [g, ls] of policyGroups) box.append(groupFieldset(g, ls, levers));
  if (cityGroups.length > 0) {
    const det = el('details', { class: 'city' });
    det.append(el('summary', {}, `${t(lang(), 'cityAssumptions')} (${cityGroups.reduce((n, [, ls]) => n + ls.length, 0)})`));
    for (const [g, ls] of cityGroups) det.append(groupFieldset(g, ls, levers));
    box.append(det);
  }
  if (focusId) {
    const f = document.getElementById(focusId);
    if (f) {
      f.closest('details')?.setAttribute('open', '');
      f.focus();
    }
  }
}

function groupFieldset(group: string, ls: Lever[], all: Lever[]): HTMLFieldSetElement {
  const fs = el('fieldset', { class: 'group', 'data-group': group });
  const policy = policyInfo(group);
  fs.append(el('legend', {}, groupTitle(lang(), group, policy, ls[0]?.zone?.name)));
  if (policy) fs.append(sourceLine(lang(), policy.source, policy.source_zh, 'group-source'));
  const main = ls.filter((l) => l.main);
  const rest = ls.filter((l) => !l.main);
  for (const l of main) fs.append(leverControl(l, all.indexOf(l)));
  if (rest.length > 0) {
    if (main.length === 0 && !policy) for (const l of rest) fs.append(leverControl(l, all.indexOf(l)));
    else {
      const more = el('details', { class: 'more' });
      more.append(el('summary', {}, `${t(lang(), 'moreLevers')} (${rest.length})`));
      for (const l of rest) more.append(leverControl(l, all.indexOf(l)));
      fs.append(more);
    }
  }
  return fs;
}

function badges(l: Lever): HTMLElement {
  const span = el('span', { class: 'badges' });
  const v = valueOf(page.editing, l);
  if (v !== l.value) span.append(el('span', { class: 'badge' }, t(lang(), 'changed')));
  if (page.state.mode === 'ab' && page.editing === 'B') {
    const a = leversOf(entryOf('A')).find((x) => x.key === l.key);
    if (!a || valueOf('A', a) !== v) span.append(el('span', { class: 'badge ab' }, t(lang(), 'differsFromA')));
  }
  return span;
}

function leverControl(l: Lever, index: number): HTMLElement {
  const id = `lv-${index}`;
  const wrap = el('div', { class: 'lever', 'data-key': l.key });
  const title = leverTitle(l);
  const value = valueOf(page.editing, l);
  const refreshBadges = () => wrap.querySelector('.badges')?.replaceWith(badges(l));
  if (l.kind === 'number') {
    const head = el('div', { class: 'lever-head' });
    head.append(el('label', { for: id }, title), badges(l));
    const row = el('div', { class: 'lever-row' });
    // The slider spans the field's `ui` range, widened to reach the value shown; the number box takes anything the schema accepts.
    const lo = Math.min(l.slider.min, value as number);
    const hi = Math.max(l.slider.max, value as number);
    const range = el('input', { type: 'range', id, min: String(lo), max: String(hi), step: String(l.step), 'data-key': l.key });
    range.value = String(value);
    const num = el('input', { type: 'number', id: `${id}-n`, min: String(l.min), max: String(l.max), step: 'any', 'data-key': l.key });
    num.value = String(value);
    const numLabel = el('label', { for: `${id}-n`, class: 'visually-hidden' }, `${title} (${unitText(l) || '#'})`);
    range.addEventListener('input', () => {
      const v = roundToStep(Number(range.value), l.step);
      num.value = String(v);
      setLever(l, v);
      refreshBadges();
    });
    num.addEventListener('change', () => {
      const r = checkNumber(num.value, l.min, l.max, l.integer);
      if (r.value === null) {
        num.value = String(valueOf(page.editing, l));
        showMessages([{ problem: { code: 'refused', key: title, raw: num.value, value: String(valueOf(page.editing, l)), min: l.min, max: l.max } }]);
        return;
      }
      if (r.problem === 'clamped') showMessages([{ problem: { code: 'clamped', key: title, raw: num.value, value: String(r.value), min: l.min, max: l.max } }]);
      num.value = String(r.value);
      range.value = String(r.value);
      setLever(l, r.value as number);
      refreshBadges();
    });
    row.append(range, numLabel, num, el('span', { class: 'unit' }, unitText(l)));
    wrap.append(head, row);
  } else if (l.kind === 'boolean') {
    const row = el('div', { class: 'lever-row toggle' });
    const box = el('input', { type: 'checkbox', id, 'data-key': l.key });
    box.checked = value === true;
    box.addEventListener('change', () => {
      setLever(l, box.checked);
      refreshBadges();
    });
    row.append(box, el('label', { for: id }, title), badges(l));
    wrap.append(row);
  } else {
    const head = el('div', { class: 'lever-head' });
    head.append(el('label', { for: id }, title), badges(l));
    const sel = el('select', { id, 'data-key': l.key });
    for (const o of l.options ?? []) sel.append(el('option', { value: o }, optionLabel(lang(), o, l.choices)));
    sel.value = String(value);
    sel.addEventListener('change', () => {
      setLever(l, sel.value);
      refreshBadges();
    });
    wrap.append(head, sel);
  }
  const about = el('details', { class: 'about' });
  about.append(el('summary', {}, t(lang(), 'about')));
  const doc = leverDoc(lang(), l);
  about.append(el('p', {}, doc ?? t(lang(), 'noDoc')));
  if (l.source) about.append(sourceLine(lang(), l.source));
  wrap.append(about);
  return wrap;
}

function setLever(l: Lever, v: LeverValue): void {
  const values = page.state[page.editing].values;
  if (v === l.value) values.delete(l.key);
  else values.set(l.key, v);
  persist();
}

export function onRunSetting(r: RunSetting): void {
  const input = $<HTMLInputElement>(`run-${r.key}`);
  const raw = input.value;
  const x = checkNumber(raw, r.min, r.max, r.integer);
  const label = t(lang(), r.key === 'months' ? 'months' : r.key);
  if (x.value === null) {
    showMessages([{ problem: { code: 'refused', key: label, raw, value: String(page.state.run[r.key]), min: r.min, max: r.max } }]);
    input.value = String(page.state.run[r.key]);
    return;
  }
  if (x.problem === 'clamped') showMessages([{ problem: { code: 'clamped', key: label, raw, value: String(x.value), min: r.min, max: r.max } }]);
  page.state.run[r.key] = x.value as number;
  input.value = String(x.value);
  persist();
}
