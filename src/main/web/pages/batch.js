// The workbench's script for the score page's batch: several files, or JSON Lines, scored one by one; progress, the grades as a
// bar chart, the findings by code, and what could not be scored or was sent back (退回: never counted as a score).
// Served as it is by jixiao serve (/web/pages/…) behind the page's session, never written into a page: what a
// page gives it (the session's edit key, the notice) is in data- attributes.
(() => {
  const form = document.getElementById('score'), input = document.getElementById('file');
  const $ = id => document.getElementById(id);
  const types = {'.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    '.csv': 'text/csv; charset=utf-8', '.json': 'application/json'};
  const suffix = n => (n.match(/\.[^.]+$/) || [''])[0].toLowerCase();
  const cell = (tr, text) => { const td = document.createElement('td'); td.textContent = text ?? ''; tr.append(td); return td; };
  const level = {reject: '退回', error: '错误', warning: '提示', info: '说明'};
  // each submission's report opens in a tab of its own: the file (or the line of a JSON Lines file) posted to the
  // score page as a one-file upload is
  function reportButton(tr, file) {
    const td = document.createElement('td'); tr.append(td);
    if (!file) return;
    const b = document.createElement('button'); b.type = 'button'; b.textContent = '查看报告'; td.append(b);
    b.addEventListener('click', () => {
      const f = document.createElement('form');
      f.method = 'post'; f.action = '/score'; f.enctype = 'multipart/form-data'; f.target = '_blank'; f.hidden = true;
      const i = document.createElement('input'); i.type = 'file'; i.name = 'file';
      const dt = new DataTransfer(); dt.items.add(file); i.files = dt.files;
      f.append(i); document.body.append(f); f.submit(); f.remove();
    });
  }
  function filter() {
    const lost = $('only-lost-points').checked, code = $('code-filter').dataset.code;
    for (const tr of [...$('results').rows].slice(1)) {
      tr.hidden = (lost && tr.dataset.full === 'yes') || (code && !(tr.dataset.codes || '').split(' ').includes(code));
    }
    $('show-all').hidden = !code;
  }
  let done = 0, total = 0, lines = [];
  // for the downloads Excel opens: one row per submission, one per finding (CSV in UTF-8 with its byte order mark)
  const rows = [['提交', '单位', '总分', '等级', '自评总分', '结果', '提示']], findingRows = [['提交', '级别', '代码', '名称', '对象', '说明']];
  const csv = table => '\uFEFF' + table.map(r => r.map(v => {
    const t = v == null ? '' : String(v);
    return /[",\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }).join(',')).join('\r\n') + '\r\n';
  const grades = new Map(), codes = new Map();
  function progress() {
    $('progress').max = Math.max(total, 1); $('progress').value = done;
    $('progress-text').textContent = '已评 ' + done + ' / ' + total + ' 份';
  }
  function chart() {
    const svg = $('grades'), rows = [...grades.entries()].sort((a, b) => b[1].sum / b[1].n - a[1].sum / a[1].n);
    const max = Math.max(1, ...rows.map(r => r[1].n));
    svg.setAttribute('height', 28 * rows.length + 8);
    svg.innerHTML = rows.map(([g, v], i) => '<text x="0" y="' + (28 * i + 20) + '" font-size="14">' + g.replace(/[<&]/g, '') +
      '</text><rect x="48" y="' + (28 * i + 6) + '" height="18" width="' + Math.max(2, 300 * v.n / max) +
      '" fill="#4a7"></rect><text x="' + (56 + 300 * v.n / max) + '" y="' + (28 * i + 20) + '" font-size="13">' + v.n + ' 份</text>').join('');
  }
  function failure(label, what, why, file) {
    const tr = document.createElement('tr'); tr.className = 'diff';
    cell(tr, label); cell(tr, what); cell(tr, why); reportButton(tr, what === '退回' ? file : null); $('failures').append(tr);
  }
  function add(label, j, file) {
    lines.push(JSON.stringify(j));
    done++;
    const outcome = j.outcome === 'sentBack' || (j.total !== undefined && j.grade == null) ? '退回'
      : (j.error !== undefined && j.total === undefined) ? '不能评分' : '已评分';
    rows.push([j.id || label, j.department, j.total, j.grade, j.claimedTotal, outcome,
      (j.findings || j.reasons || []).map(f => f.code).join(' ')]);
    for (const f of j.findings || j.reasons || []) {
      findingRows.push([j.id || label, level[f.severity] || f.severity, f.code, f.codeName, f.subject, f.message]);
    }
    if (j.outcome === 'sentBack') {
      // 退回: counted as sent back, with its reasons, never as a score (it has no total or grade)
      failure(j.id || label, '退回', (j.reasons || []).map(f => (f.subject ? f.subject + '：' : '') + f.message).join('；'), file);
    } else if (j.error !== undefined && j.total === undefined) {
      failure(label, '不能评分', (j.detail || j.error));
    } else {
      const tr = document.createElement('tr');
      cell(tr, j.id || label); cell(tr, j.department); cell(tr, j.total).className = 'n'; cell(tr, j.grade ?? '退回');
      cell(tr, j.claimedTotal).className = 'n';
      reportButton(tr, file);
      tr.dataset.codes = (j.findings || []).map(f => f.code).join(' ');
      tr.dataset.full = (j.indicators || []).every(i => i.points == null || Number(i.score) >= Number(i.points)) ? 'yes' : 'no';
      $('results').append(tr);
      for (const f of j.findings || []) {
        const k = f.code + ' ' + f.severity;
        codes.set(k, {code: f.code, name: f.codeName, severity: f.severity, n: (codes.get(k)?.n || 0) + 1});
      }
      if (j.grade == null) {
        failure(j.id || label, '退回', (j.findings || []).filter(f => f.severity === 'reject').map(f => f.message).join('；'), file);
      } else {
        const g = grades.get(j.grade) || {n: 0, sum: 0};
        g.n++; g.sum += Number(j.total); grades.set(j.grade, g);
      }
    }
    progress();
  }
  function finish() {
    chart();
    const t = $('codes');
    [...codes.values()].sort((a, b) => b.n - a.n).forEach(c => {
      const tr = document.createElement('tr'); cell(tr, c.code); cell(tr, c.name); cell(tr, level[c.severity] || c.severity);
      cell(tr, c.n).className = 'n'; tr.style.cursor = 'pointer'; tr.tabIndex = 0;
      const pick = () => { $('code-filter').dataset.code = c.code; $('code-filter').textContent = '只列有 ' + c.code + ' 的提交'; filter(); };
      tr.addEventListener('click', pick);
      tr.addEventListener('keydown', e => { if (e.key === 'Enter') pick(); });
      t.append(tr);
    });
    const a = $('download');
    a.href = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], {type: 'application/x-ndjson'}));
    a.hidden = false;
    const x = $('download-csv');
    x.href = URL.createObjectURL(new Blob([csv(rows)], {type: 'text/csv;charset=utf-8'}));
    x.hidden = false;
    const y = $('download-findings');
    y.href = URL.createObjectURL(new Blob([csv(findingRows)], {type: 'text/csv;charset=utf-8'}));
    y.hidden = false;
    $('progress-text').textContent = '完成：共 ' + total + ' 份，不能评分或退回 ' + ($('failures').rows.length - 1) + ' 份';
  }
  async function jsonl(file) {
    const text = await file.text();
    const count = text.split(/\r?\n/).filter(l => l.trim()).length;
    const texts = text.split(/\r?\n/).filter(l => l.trim()); // the n-th answer is the n-th line that is not blank
    total += count; progress();
    // the file's own bytes, not the text the browser decoded (which turns bytes that are not UTF-8 into U+FFFD):
    // the server reads them as the command line does, and a line that is not UTF-8 fails alone
    const r = await fetch('/score/batch?name=' + encodeURIComponent(file.name), {method: 'POST', body: file,
      headers: {'Content-Type': 'application/x-ndjson'}});
    const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
    let rest = '', n = 0;
    for (;;) {
      const {value, done: end} = await reader.read();
      if (value) rest += value;
      let i;
      while ((i = rest.indexOf('\n')) >= 0) {
        const line = rest.slice(0, i); rest = rest.slice(i + 1);
        if (!line.trim()) continue;
        n++;
        const j = JSON.parse(line);
        const label = file.name + ' 第 ' + (j.line ?? n) + ' 行';
        const source = texts[n - 1];
        add(label, j, source === undefined ? null : new File([source], label + '.json', {type: 'application/json'}));
      }
      if (end) break;
    }
  }
  async function one(file) {
    total++; progress();
    const type = types[suffix(file.name)];
    if (!type) { add(file.name, {error: '只能是 .xlsx、.docx、.csv、.json 或 .jsonl 文件'}, null); return; }
    const r = await fetch('/score/one', {method: 'POST', body: file, headers: {'Content-Type': type}});
    let j;
    try { j = await r.json(); } catch (e) { j = {error: 'HTTP ' + r.status}; }
    add(file.name, j, file);
  }
  $('only-lost-points').addEventListener('change', filter);
  $('show-all').addEventListener('click', () => { delete $('code-filter').dataset.code; $('code-filter').textContent = ''; filter(); });
  form.addEventListener('submit', async e => {
    const files = [...input.files];
    if (files.length === 1 && suffix(files[0].name) !== '.jsonl') return; // one table: the report page
    e.preventDefault();
    $('batch').hidden = false;
    for (const f of files) {
      if (suffix(f.name) === '.jsonl') await jsonl(f); else await one(f);
    }
    finish();
  });
})();
