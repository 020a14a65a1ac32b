// The workbench's script for the scored page: keep the submission and its result as a scenario of the notice.
// Served as it is by jixiao serve (/web/pages/…) behind the page's session, never written into a page: what a
// page gives it (the session's edit key, the notice) is in data- attributes.
(() => {
  const form = document.getElementById('record'), status = document.getElementById('record-status');
  const submission = JSON.parse(document.getElementById('submission').textContent);
  async function send(replace) {
    const name = document.getElementById('scenario-name').value.trim();
    const r = await fetch('/notices/' + encodeURIComponent(form.dataset.notice) + '/scenarios', {method: 'POST',
      headers: {'X-Jixiao-Edit': form.dataset.editKey, 'Content-Type': 'application/json'},
      body: JSON.stringify({name, submission, replace})});
    const j = await r.json();
    status.replaceChildren();
    if (r.status === 409) {
      status.append('已有同名场景。');
      const b = document.createElement('button'); b.type = 'button'; b.id = 'record-replace'; b.textContent = '替换它';
      b.addEventListener('click', () => send(true)); status.append(b);
    } else if (!r.ok) {
      status.textContent = j.error + (j.detail ? '：' + j.detail : '');
    } else {
      const a = document.createElement('a'); a.href = j.page; a.id = 'recorded'; a.textContent = j.file;
      status.append('已保存为 ', a, '（总分 ' + j.expect.total + '，等级 ' + j.expect.grade + '）');
    }
  }
  form.addEventListener('submit', e => { e.preventDefault(); send(false); });
})();
