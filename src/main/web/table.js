// Decision tables (.drl.csv) edited as tables: each RuleTable's rows as a grid under its own header row, a row added
// or removed with a button, every other line of the file (RuleSet, Import, Functions, the column definitions) kept
// exactly as it was written. Rows not edited are written back byte for byte; an edited row is written as CSV, quoting
// only the cells that need it.

/** One CSV line → its cells, or null when a quoted cell runs past the line (then the file is edited as text). */
export function parseLine(line) {
  const cells = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') { cell += '"'; i += 2; continue; }
          i++;
          break;
        }
        cell += line[i++];
      }
      while (i < line.length && line[i] !== ',') cell += line[i++];
    } else {
      while (i < line.length && line[i] !== ',') cell += line[i++];
    }
    cells.push(cell);
    if (i >= line.length) return cells;
    i++; // the comma
  }
}

export function formatLine(cells) {
  return cells.map(c => /[",\r\n]/.test(c) || c !== c.trim() ? '"' + c.replace(/"/g, '""') + '"' : c).join(',');
}

/** The file's lines, each with its cells and, for rows of a table, which table and whether it is a data row. */
export function parseFile(text) {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const raw = text.split(eol);
  const lines = [];
  let table = null, sinceHeader = -1;
  for (let n = 0; n < raw.length; n++) {
    const cells = parseLine(raw[n]);
    if (cells == null) return null;
    const first = cells[0].trim();
    if (/^RuleTable\b/.test(first)) { table = {name: first.replace(/^RuleTable\s*/, ''), line: n + 1}; sinceHeader = 0; }
    else if (table && cells.every(c => c.trim() === '') && sinceHeader > 4) { table = null; }
    else if (table) sinceHeader++;
    // after "RuleTable": NAME/CONDITION row, pattern row, code row, then the header analysts read, then data rows
    const kind = !table ? 'other' : sinceHeader === 0 || sinceHeader < 4 ? 'definition' : sinceHeader === 4 ? 'header' : 'row';
    lines.push({raw: raw[n], cells, table, kind, line: n + 1});
  }
  return {eol, lines};
}

const el = (tag, attrs = {}, text) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
};

/**
 * @param parent the element the tables go in
 * @param text the file's text
 * @param options {readOnly, onSave}
 * @returns null when the file cannot be shown as tables, else {text(), problems(list), goto(line)}
 */
export function table(parent, text, options = {}) {
  const file = parseFile(text);
  if (!file) return null;
  parent.replaceChildren();
  const rows = []; // every line, in order: {line, input elements or null}
  let current = null, tbody = null;
  const addRow = (entry, before) => {
    const tr = el('tr');
    tr.dataset.line = entry.line ?? '';
    const width = entry.width;
    entry.inputs = [];
    for (let i = 0; i < width; i++) {
      const td = el('td');
      const input = el('input', {type: 'text', 'aria-label': (entry.headers[i] || '第' + (i + 1) + '列'), value: entry.cells[i] ?? ''});
      input.value = entry.cells[i] ?? '';
      input.readOnly = !!options.readOnly;
      input.size = Math.max(4, Math.min(44, (entry.cells[i] ?? '').length * 2 + 2));
      td.append(input);
      tr.append(td);
      entry.inputs.push(input);
    }
    if (!options.readOnly) {
      const td = el('td', {class: 'row-actions'});
      const add = el('button', {type: 'button', class: 'add-row', title: '在下面添加一行'}, '＋');
      const del = el('button', {type: 'button', class: 'delete-row', title: '删除这一行'}, '－');
      add.addEventListener('click', () => {
        const fresh = {kind: 'row', cells: entry.cells.map(() => ''), raw: null, width: entry.width, headers: entry.headers, added: true};
        rows.splice(rows.indexOf(entry) + 1, 0, fresh);
        addRow(fresh, tr.nextSibling);
        fresh.inputs[0].focus();
      });
      del.addEventListener('click', () => {
        rows.splice(rows.indexOf(entry), 1);
        const next = tr.nextSibling || tr.previousSibling;
        tr.remove();
        if (next) next.querySelector('input')?.focus();
      });
      td.append(add, del);
      tr.append(td);
    }
    entry.tr = tr;
    entry.tbody.insertBefore(tr, before ?? null);
  };
  const others = el('details', {class: 'definitions'});
  others.append(el('summary', {}, '文件中其他各行（RuleSet、Import、Functions、各表的列定义）：以文本编辑时可改'));
  const otherText = el('pre');
  others.append(otherText);
  const otherLines = [];
  for (const l of file.lines) {
    const entry = {...l};
    rows.push(entry);
    if (l.kind === 'header') {
      current = el('section', {class: 'decision-table'});
      current.append(el('h3', {}, '决策表 ' + l.table.name));
      const t = el('table', {class: 'grid', 'data-table': l.table.name});
      const head = el('tr');
      l.cells.forEach(c => head.append(el('th', {scope: 'col'}, c)));
      if (!options.readOnly) head.append(el('th', {}, ''));
      t.append(el('thead'));
      t.firstChild.append(head);
      tbody = el('tbody');
      t.append(tbody);
      // a wide table scrolls inside its own box; the page keeps the screen's width
      const box = el('div', {class: 'grid-box', style: 'overflow-x:auto;max-width:100%'});
      box.append(t);
      current.append(box);
      parent.append(current);
      current.headers = l.cells;
    } else if (l.kind === 'row') {
      entry.width = current.headers.length;
      entry.headers = current.headers;
      entry.tbody = tbody;
      addRow(entry);
    } else {
      otherLines.push(l.line + '  ' + l.raw);
    }
  }
  otherText.textContent = otherLines.join('\n');
  parent.prepend(others);
  parent.addEventListener('keydown', e => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); if (options.onSave) options.onSave(); }
  });
  return {
    text() {
      return rows.map(r => {
        if (!r.inputs) return r.raw;
        const cells = r.inputs.map(i => i.value);
        // an untouched row keeps its bytes, however it was quoted
        const same = r.raw != null && cells.length >= 0 && cells.every((c, i) => c === (r.cells[i] ?? ''));
        if (same) return r.raw;
        // keep the cells past the header's width (rare) as they were
        return formatLine(cells.concat(r.cells.slice(r.inputs.length)));
      }).join(file.eol);
    },
    problems(list) {
      parent.querySelectorAll('tr.problem').forEach(tr => { tr.classList.remove('problem'); tr.removeAttribute('title'); });
      for (const p of list) {
        const r = rows.find(r => r.line === p.line && r.tr);
        if (r) { r.tr.classList.add('problem'); r.tr.title = p.message; }
      }
    },
    goto(n) {
      const r = rows.find(r => r.line === n && r.tr);
      if (r) { r.tr.classList.add('target'); r.inputs[0].focus(); r.tr.scrollIntoView({block: 'center'}); }
    },
  };
}
