// The workbench's script for the rule editor page: a CodeMirror editor (or the decision tables as grids) over the file's text;
// a save names the text it was made from (409 when the file changed since: the file as it is now is shown
// to merge by hand) and shows the compile problems at their lines and the scenarios.
// Served as it is by jixiao serve (/web/pages/…) behind the page's session, never written into a page: what a
// page gives it (the session's edit key, the notice) is in data- attributes.
const form = document.getElementById('editor'), area = document.getElementById('text');
const status = document.getElementById('status'), results = document.getElementById('results');
const codeBox = document.getElementById('code'), gridBox = document.getElementById('grid');
const file = form.dataset.file, readOnly = form.hasAttribute('data-read-only');
const editKey = form.dataset.editKey;
const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
let code = null, grid = null;
if (window.JixiaoEditor) {
  area.hidden = true;
  code = JixiaoEditor.create(codeBox, area.value, {readOnly, onSave: () => save(), label: file});
  if (file.endsWith('.csv')) grid = JixiaoEditor.table(gridBox, area.value, {readOnly, onSave: () => save()});
  (grid ? gridBox : codeBox).hidden = false;
  if (file.endsWith('.csv') && !grid) { codeBox.hidden = false; document.getElementById('as-text').hidden = true; }
}
const editor = () => grid && !gridBox.hidden ? grid : code;
const text = () => editor() ? editor().text() : area.value;
const asText = document.getElementById('as-text'), asTable = document.getElementById('as-table');
if (asText) asText.addEventListener('click', () => {
  code.setText(grid.text()); gridBox.hidden = true; codeBox.hidden = false;
  asText.hidden = true; asTable.hidden = false; code.view.focus();
});
if (asTable) asTable.addEventListener('click', () => {
  const g = JixiaoEditor.table(gridBox, code.text(), {readOnly, onSave: () => save()});
  if (!g) { status.textContent = '有带引号的格跨行，只能以文本编辑'; return; }
  grid = g; codeBox.hidden = true; gridBox.hidden = false; asTable.hidden = true; asText.hidden = false;
});
const line = /^#L([0-9]+)$/.exec(location.hash);
if (line && editor()) editor().goto(Number(line[1]));
async function save(e) {
  if (e) e.preventDefault();
  if (readOnly) return;
  status.textContent = '保存中…';
  const r = await fetch(location.pathname, {method: 'POST', body: text(),
    headers: {'X-Jixiao-Edit': editKey, 'X-Jixiao-Base': form.dataset.base, 'Content-Type': 'text/plain; charset=utf-8'}});
  const j = await r.json();
  if (r.status === 409) {
    // someone (another page, an editor, git) changed the file since this page loaded it: nothing was
    // written; show what is on disk now, to merge by hand, and let the next save go over that version
    status.textContent = '未保存：' + j.error;
    results.innerHTML = '<h2 id="conflict">磁盘上的文件已被修改，未保存你的修改</h2><p>下面是磁盘上现在的内容。'
      + '请把你的修改并入后再保存（再保存即以这个版本为基础）；你的文本仍在编辑器里。</p><pre id="on-disk">'
      + esc(j.current) + '</pre>';
    form.dataset.base = j.currentBase;
    return;
  }
  if (!r.ok) { status.textContent = j.error; return; }
  form.dataset.base = j.base;
  let h = '';
  const mine = j.problems.filter(p => p.file === file);
  if (editor()) editor().problems(mine);
  if (!j.compiled) {
    status.textContent = '已保存；规则不能编译';
    h += '<h2>编译错误</h2><ul id="problems">' + j.problems.map(p =>
      '<li>' + (p.file === file ? '<a href="#L' + p.line + '" data-line="' + p.line + '">' : '<span>') + esc(p.file) + ':' + p.line +
      (p.file === file ? '</a> ' : '</span> ') + esc(p.message) + '</li>').join('') + '</ul>';
  } else {
    status.textContent = '已保存；规则指纹 ' + j.fingerprint + '：' + j.passed + ' 个场景通过，' + j.failed + ' 个未通过';
  }
  const failing = j.scenarios.filter(s => s.status !== 'PASSED');
  if (j.compiled && !failing.length) {
    h += '<p id="all-passed">全部 ' + j.scenarios.length + ' 个场景通过。</p>';
  }
  if (failing.length) {
    h += '<h2>未通过的场景（其余 ' + (j.scenarios.length - failing.length) + ' 个通过）</h2><table id="scenario-results">' +
      '<tr><th>场景</th><th>结果</th><th>项</th><th>期望</th><th>实际</th></tr>';
    for (const s of failing) {
      const rows = s.mismatches.length ? s.mismatches : [{field: s.error ?? '', expected: '', actual: ''}];
      rows.forEach((m, i) => h += '<tr class="diff">' +
        (i ? '<td></td><td></td>' : '<td>' + esc(s.file) + '</td><td>' + (s.status === 'FAILED' ? '未通过' : '不能运行') + '</td>') +
        '<td>' + esc(m.field) + '</td><td>' + esc(m.expected) + '</td><td>' + esc(m.actual) + '</td></tr>');
    }
    h += '</table>';
  }
  results.innerHTML = h;
  if (failing.length || !j.compiled) results.scrollIntoView({block: 'start'});
  results.querySelectorAll('a[data-line]').forEach(a => a.addEventListener('click', ev => {
    ev.preventDefault(); if (editor()) editor().goto(Number(a.dataset.line));
  }));
}
form.addEventListener('submit', save);
// Ctrl+S anywhere else on the page (the editors handle their own and mark the event handled)
document.addEventListener('keydown', e => { if (!e.defaultPrevented && (e.ctrlKey || e.metaKey) && e.key === 's') save(e); });
// a link ending in #save saves the file as it is and runs the scenarios at once (to re-run them)
if (location.hash === '#save') save();
