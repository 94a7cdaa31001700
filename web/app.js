// The page: files in, the reader and checker (WebAssembly, ./pkg) run here in the browser,
// the tables, findings and source text drawn. Nothing is sent anywhere.
//
// Every drawn cell carries data-address (its canonical address, CELLS.md) and data-kind, and
// shows its value as its text (nothing for a cell without a value; its kind's symbol is drawn
// by the style sheet).
import init, { check, layout, version } from './pkg/report_wasm.js';

const KIND_NAMES = {
  number: '数字',
  blank: '空白（未填）',
  not_applicable: '不适用',
  masked: '遮盖',
  invalid: '不是数值',
  ambiguous: '无法确定',
  missing: '文本中没有',
};
const SEVERITIES = [
  ['error', '错误'],
  ['warning', '警告'],
  ['info', '提示'],
];
const TABLES = ['proactive', 'requests', 'appeals'];
const NUMERALS = { proactive: '二', requests: '三', appeals: '四' };

const $ = (selector) => document.querySelector(selector);
let LAYOUT = null;
// each file: { name, status, label, result }
const files = [];
let current = -1;
let pdfChecker = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role') node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) {
    if (c !== null && c !== undefined) node.append(c);
  }
  return node;
}

function isPdf(bytes) {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) {
      return true;
    }
  }
  return false;
}

// the checker that also reads PDF files (twice the size): fetched in the background once the
// page is ready, so that a PDF dropped later, even with the network off, is read
let pdfLoading = null;
function loadPdf() {
  if (!pdfLoading) {
    pdfLoading = import('./pkg-pdf/report_wasm.js').then(async (module) => {
      await module.default();
      pdfChecker = module;
      document.body.dataset.pdfReady = 'true';
      return module;
    });
  }
  return pdfLoading;
}

async function checkBytes(name, bytes) {
  let run = check;
  if (isPdf(bytes)) {
    run = (pdfChecker || (await loadPdf())).check;
  }
  return JSON.parse(run(name, bytes));
}

function statusOf(result) {
  const contract = result.contract;
  if (contract.error) return ['unreadable', '无法读取'];
  const count = (s) => contract.findings.filter((f) => f.severity === s).length;
  if (count('error')) return ['error', `错误 ${count('error')} 项`];
  if (count('warning')) return ['warning', `警告 ${count('warning')} 项`];
  return ['ok', '未发现错误'];
}

function setStatus(text) {
  $('#status').textContent = text;
}

async function addInputs(inputs) {
  if (!inputs.length) return;
  const start = files.length;
  for (const input of inputs) {
    files.push({ name: input.name, status: 'working', label: '正在读取…', result: null });
  }
  renderList();
  setStatus(`正在读取 ${inputs.length} 个文件…`);
  for (let k = 0; k < inputs.length; k++) {
    const entry = files[start + k];
    try {
      const bytes = await inputs[k].bytes();
      const start = performance.now();
      entry.result = await checkBytes(entry.name, bytes);
      entry.ms = performance.now() - start;
      entry.size = bytes.length;
    } catch (e) {
      entry.result = {
        contract: { source: entry.name, error: `读取时出错：${e}`, cells: {}, findings: [], templates: {}, layouts: {} },
        readable: '',
        text: null,
        origins: [],
        csv: '',
      };
    }
    [entry.status, entry.label] = statusOf(entry.result);
    renderList();
    if (k === 0) select(start);
  }
  setStatus(`已检查 ${files.length} 个文件。`);
}

function renderList() {
  const list = $('#file-list');
  list.replaceChildren();
  files.forEach((f, i) => {
    const button = el(
      'button',
      { type: 'button', 'data-index': i, 'aria-current': i === current ? 'true' : 'false', onclick: () => select(i) },
      el('span', { class: 'name', text: f.name }),
      el('span', { class: 'badge', 'data-status': f.status, text: f.label }),
    );
    list.append(el('li', { 'data-status': f.status, 'data-ms': f.ms === undefined ? null : f.ms.toFixed(1), 'data-bytes': f.size }, button));
  });
  $('#files').hidden = files.length === 0;
}

function select(i) {
  if (!files[i] || !files[i].result) return;
  current = i;
  renderList();
  renderResult(files[i]);
}

function level(label) {
  if (/^[（(]/.test(label)) return 1;
  if (/^\d/.test(label)) return 2;
  return 0;
}

function cellTd(address, cells) {
  const td = el('td', { 'data-address': address });
  const c = cells[address];
  if (!c) {
    td.dataset.kind = 'missing';
    td.title = `${address}：${KIND_NAMES.missing}`;
    return td;
  }
  td.dataset.kind = c.kind;
  td.textContent = c.value ?? '';
  td.title = `${address}\n${KIND_NAMES[c.kind] || c.kind}；原文「${c.raw}」，第${c.line}行第${c.column}列`;
  td.dataset.line = c.line;
  td.onclick = () => showLine(c.line);
  return td;
}

// a row label; table 三's labels are indented by their numbering (（一） under 三、, 1. under （三）)
function labelTh(label, colspan = 1, indent = false) {
  return el('th', { class: `label level-${indent ? level(label) : 0}`, scope: 'row', colSpan: colspan, text: label });
}

function drawProactive(rows, cells) {
  const width = Math.max(...rows.map((r) => r.cells.length));
  const body = el('tbody');
  let header = null;
  for (const row of rows) {
    if (row.group) {
      body.append(el('tr', {}, labelTh(row.label, width + 1)));
      header = null;
      continue;
    }
    const columns = row.cells.map((c) => c.column).join('|');
    if (columns !== header) {
      const tr = el('tr', {}, el('th', { text: '信息内容' }));
      row.cells.forEach((c) => tr.append(el('th', { scope: 'col', text: c.column })));
      for (let k = row.cells.length; k < width; k++) tr.append(el('th'));
      body.append(tr);
      header = columns;
    }
    const tr = el('tr', {}, labelTh(row.label));
    row.cells.forEach((c) => tr.append(cellTd(c.address, cells)));
    for (let k = row.cells.length; k < width; k++) tr.append(el('td', { class: 'void' }));
    body.append(tr);
  }
  return [body];
}

function drawRequests(rows, cells) {
  const data = rows.find((r) => !r.group);
  const cols = data ? data.cells.map((c) => c.column) : [];
  const head = el('thead');
  head.append(
    el('tr', {},
      el('th', { rowSpan: 3, class: 'label', text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）' }),
      el('th', { colSpan: cols.length, text: '申请人情况' })),
    el('tr', {},
      el('th', { rowSpan: 2, scope: 'col', text: cols[0] }),
      el('th', { colSpan: Math.max(cols.length - 2, 1), text: '法人或其他组织' }),
      el('th', { rowSpan: 2, scope: 'col', text: cols[cols.length - 1] })),
    el('tr', {}, ...cols.slice(1, -1).map((c) => el('th', { scope: 'col', text: c }))),
  );
  const body = el('tbody');
  for (const row of rows) {
    if (row.group) {
      body.append(el('tr', {}, labelTh(row.label, cols.length + 1, true)));
      continue;
    }
    body.append(el('tr', {}, labelTh(row.label, 1, true), ...row.cells.map((c) => cellTd(c.address, cells))));
  }
  return [head, body];
}

function drawAppeals(rows, cells) {
  const [review, direct, after] = rows;
  const cols = review.cells.map((c) => c.column);
  const head = el('thead');
  head.append(
    el('tr', {},
      el('th', { colSpan: review.cells.length, text: review.label }),
      el('th', { colSpan: direct.cells.length + after.cells.length, text: '行政诉讼' })),
    el('tr', {},
      ...cols.map((c) => el('th', { rowSpan: 2, scope: 'col', text: c })),
      el('th', { colSpan: direct.cells.length, text: direct.label }),
      el('th', { colSpan: after.cells.length, text: after.label })),
    el('tr', {}, ...[...direct.cells, ...after.cells].map((c) => el('th', { scope: 'col', text: c.column }))),
  );
  const body = el('tbody', {}, el('tr', {}, ...rows.flatMap((r) => r.cells.map((c) => cellTd(c.address, cells)))));
  return [head, body];
}

function drawTable(kind, contract) {
  const template = contract.templates ? contract.templates[kind] : null;
  const any = LAYOUT[kind]['2021'];
  const box = el('div', { class: 'report-table', 'data-table': kind });
  if (!template) {
    box.append(el('p', { class: 'muted', text: `表${NUMERALS[kind]} ${any.title}：文本中未找到此表` }));
    return box;
  }
  const spec = LAYOUT[kind][template];
  const cells = contract.cells;
  const addresses = spec.rows.flatMap((r) => r.cells.map((c) => c.address));
  const read = addresses.filter((a) => cells[a]).length;
  const caption = el('caption', {},
    `表${NUMERALS[kind]} ${spec.title}（${template}年模板）`,
    el('span', { class: 'read-count', 'data-read': read, 'data-total': addresses.length, text: `读取 ${read}/${addresses.length} 个单元格` }));
  const draw = { proactive: drawProactive, requests: drawRequests, appeals: drawAppeals }[kind];
  box.append(el('table', {}, caption, ...draw(spec.rows, cells)));
  return box;
}

function clearHighlights() {
  document.querySelectorAll('.hl').forEach((n) => n.classList.remove('hl'));
  document.querySelectorAll('.finding[aria-pressed="true"]').forEach((n) => n.setAttribute('aria-pressed', 'false'));
}

function showLine(line) {
  const li = document.getElementById(`line-${line}`);
  if (!li) return;
  li.classList.add('hl');
  const box = $('#source-text');
  box.scrollTop = li.offsetTop - box.clientHeight / 3;
}

function showFinding(button, finding) {
  clearHighlights();
  button.setAttribute('aria-pressed', 'true');
  let first = null;
  for (const address of finding.cells) {
    for (const td of document.querySelectorAll(`td[data-address="${CSS.escape(address)}"]`)) {
      td.classList.add('hl');
      first = first || td;
    }
  }
  if (first) first.scrollIntoView({ block: 'center' });
  showLine(finding.line);
}

function drawFindings(contract) {
  const groups = $('#finding-groups');
  groups.replaceChildren();
  if (contract.error) return;
  if (!contract.findings.length) {
    groups.append(el('p', { text: '没有发现问题。' }));
    return;
  }
  for (const [severity, name] of SEVERITIES) {
    const list = contract.findings.filter((f) => f.severity === severity);
    if (!list.length) continue;
    const ol = el('ol');
    for (const f of list) {
      const button = el('button', { type: 'button', class: 'finding', 'data-severity': severity, 'data-rule': f.rule, 'aria-pressed': 'false' },
        el('span', { class: 'sev', text: name }),
        el('span', { class: 'message', text: f.message }),
        ' ',
        el('span', { class: 'rule', text: `${f.rule} · 第${f.line}行` }));
      button.onclick = () => showFinding(button, f);
      ol.append(el('li', {}, button));
    }
    groups.append(el('div', { class: 'severity-group', 'data-severity': severity },
      el('h4', { text: `${name}（${list.length}）` }), ol));
  }
}

function drawSource(result) {
  const box = $('#source-text');
  box.replaceChildren();
  if (result.text === null) return;
  const lines = result.text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const shown = lines.slice(0, 50000);
  const items = shown.map((line, i) => {
    const li = el('li', { id: `line-${i + 1}` });
    if (result.origins[i]) li.append(el('span', { class: 'origin', text: result.origins[i] }));
    li.append(line);
    return li;
  });
  box.append(...items);
  if (lines.length > shown.length) box.append(el('li', { class: 'muted', text: `……其余 ${lines.length - shown.length} 行未显示` }));
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function renderResult(entry) {
  const { result } = entry;
  const contract = result.contract;
  $('#result').hidden = false;
  $('#result-title').textContent = entry.name;
  const error = $('#error');
  error.hidden = !contract.error;
  error.textContent = contract.error ? `无法读取：${contract.error}` : '';
  const parts = [];
  if (contract.year) parts.push(`年度：${contract.year}`);
  const counts = SEVERITIES.map(([s, name]) => `${name} ${contract.findings.filter((f) => f.severity === s).length}`);
  if (!contract.error) parts.push(`检查结果：${counts.join('，')}`);
  $('#summary').textContent = parts.join(' · ');
  const tables = $('#tables');
  tables.replaceChildren(...(contract.error ? [] : TABLES.map((k) => drawTable(k, contract))));
  drawFindings(contract);
  drawSource(result);
  const stem = entry.name.replace(/\.[^.]+$/, '');
  $('#download-json').onclick = () => download(`${stem}.json`, JSON.stringify(contract, null, 1), 'application/json');
  // with a byte-order mark, for Excel
  $('#download-csv').onclick = () => download(`${stem}.csv`, `\ufeff${result.csv}`, 'text/csv');
}

async function main() {
  await init();
  LAYOUT = JSON.parse(layout());
  $('#version').textContent = version();
  const input = $('#file');
  input.addEventListener('change', () => {
    const chosen = [...input.files].map((f) => ({ name: f.name, bytes: async () => new Uint8Array(await f.arrayBuffer()) }));
    input.value = '';
    addInputs(chosen);
  });
  const drop = $('#drop');
  drop.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      input.click();
    }
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const chosen = [...e.dataTransfer.files].map((f) => ({ name: f.name, bytes: async () => new Uint8Array(await f.arrayBuffer()) }));
    addInputs(chosen);
  });
  $('#check-paste').addEventListener('click', () => {
    const text = $('#paste').value;
    if (!text.trim()) return;
    addInputs([{ name: '粘贴的文本', bytes: async () => new TextEncoder().encode(text) }]);
  });
  document.body.dataset.ready = 'true';
  setStatus('可以开始：选择或拖入报告文件。');
  loadPdf().catch((e) => setStatus(`PDF 读取模块载入失败：${e}`));
}

main().catch((e) => setStatus(`页面载入失败：${e}`));
