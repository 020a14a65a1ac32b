package jixiao.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jixiao.engine.Notice;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyFiles;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.report.HtmlReport;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;

/**
 * The analysts' workbench in the browser, first pages (read-only): the notices, a notice's policy in the order its
 * phases run — each rule with the file and line it is written at and how often it fired across the notice's
 * scenarios — and scoring an uploaded self-evaluation table into the same page as {@code score --format html}.
 */
final class Workbench {

    private final PolicyRegistry registry;
    private final Path scenarios;
    /** Scenario runs by rules fingerprint: the counts of a policy are worked out once. */
    private final Map<String, Runs> runs = new ConcurrentHashMap<>();

    /** What the notice's scenarios did under one fingerprint: how often each rule fired, how many passed. */
    record Runs(Map<String, Integer> fired, int scenarios, int passed) {
    }

    private final boolean readOnly;
    private final String editKey;

    Workbench(PolicyRegistry registry, Path scenarios, boolean readOnly, String editKey) {
        this.registry = registry;
        this.scenarios = scenarios;
        this.readOnly = readOnly;
        this.editKey = editKey;
    }

    private static String head(String title) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width\"><title>" + HtmlReport.esc(title) + " · jixiao 绩效自评评分</title>"
                + HtmlReport.STYLE + "<style>body{max-width:1280px;margin:0 auto;padding:0 16px}nav{padding:8px 0;"
                + "border-bottom:1px solid #ddd;margin-bottom:12px}nav a{margin-right:18px}a:focus,button:focus,"
                + "input:focus{outline:3px solid #f90}td.file{font-family:monospace;font-size:.85em;color:#555}"
                + "tr.never td{color:#a00}td{vertical-align:middle}#scenario-results td:nth-child(2),#scenario-list td:nth-child(3){white-space:nowrap}pre{white-space:pre-wrap}</style></head><body><nav aria-label=\"主菜单\"><a href=\"/\">通知</a>"
                + "<a href=\"/score\">评分</a><a href=\"/compare\">比较</a><a href=\"/api/v1/openapi.json\">API</a></nav>";
    }

    String login(boolean wrong) {
        return head("登录") + "<h1>jixiao 绩效自评评分</h1>" + (wrong ? "<p class=\"reject\" role=\"alert\">访问令牌不对。</p>"
                : "") + "<p>请输入 <code>jixiao serve</code> 启动时打印的访问令牌（或打开它打印的链接）。</p>"
                + "<form method=\"post\" action=\"/login\"><label>访问令牌 <input name=\"token\" type=\"password\" "
                + "autofocus required size=\"40\"></label> <button type=\"submit\">进入</button></form></body></html>";
    }

    String notices() {
        StringBuilder h = new StringBuilder(head("通知"));
        h.append("<h1>通知</h1><p>规则目录 <code>").append(HtmlReport.esc(registry.root().toString()))
                .append("</code> 下的评分政策，每个通知一个文件夹。</p>");
        h.append("<table id=\"notices\"><tr><th>通知</th><th>标题</th><th>发布机关</th><th>年度</th><th>建于</th>"
                + "<th>规则指纹</th><th>场景</th></tr>");
        for (Notice n : registry.notices()) {
            String fingerprint;
            try {
                fingerprint = PolicyFiles.resolve(registry.root().resolve(n.id())).fingerprint();
            } catch (PolicyException e) {
                fingerprint = "（" + e.getMessage() + "）";
            }
            h.append("<tr><td>").append(n.isShared() ? HtmlReport.esc(n.id()) + "（共用规则）"
                    : "<a href=\"/notices/" + HtmlReport.esc(n.id()) + "\">" + HtmlReport.esc(n.id()) + "</a>")
                    .append("</td><td>").append(HtmlReport.esc(n.title())).append("</td><td>")
                    .append(HtmlReport.esc(n.issuer())).append("</td><td>").append(n.year() == null ? "" : n.year())
                    .append("</td><td>").append(n.base() == null ? "" : HtmlReport.esc(n.base().notice()))
                    .append("</td><td class=\"file\">").append(HtmlReport.esc(fingerprint)).append("</td><td>")
                    .append(n.isShared() ? "" : scenarioFiles(n.id()).size()).append("</td></tr>");
        }
        return h.append("</table></body></html>").toString();
    }

    private List<Path> scenarioFiles(String notice) {
        try {
            Path dir = scenarios == null ? null : scenarios.resolve(notice);
            return dir == null || !Files.isDirectory(dir) ? List.of() : ScenarioReader.find(List.of(dir));
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** Runs the notice's scenarios under this policy once, counting the firings of each rule. */
    private Runs runs(Policy p) {
        return runs.computeIfAbsent(p.fingerprint(), f -> {
            ScenarioRunner runner = new ScenarioRunner(registry, new Scorer()).withPolicy(p);
            Map<String, Integer> fired = new LinkedHashMap<>();
            int passed = 0;
            List<Path> files = scenarioFiles(p.id());
            for (Path file : files) {
                ScenarioRunner.Outcome o = runner.run(file);
                passed += o.status() == ScenarioRunner.Status.PASSED ? 1 : 0;
                if (o.result() != null) {
                    for (ScoreResult.Firing firing : o.result().firings()) {
                        fired.merge(firing.rule(), 1, Integer::sum);
                    }
                }
            }
            return new Runs(fired, files.size(), passed);
        });
    }

    String policy(Policy p) {
        Runs r = runs(p);
        StringBuilder h = new StringBuilder(head(p.id()));
        h.append("<h1>").append(HtmlReport.esc(p.id())).append("</h1><p>").append(HtmlReport.esc(p.notice().title()))
                .append("</p><p>规则指纹 <code>").append(HtmlReport.esc(p.fingerprint())).append("</code>；由 ");
        List<String> layers = new ArrayList<>();
        p.layers().forEach(l -> layers.add(HtmlReport.esc(l.getFileName().toString())));
        h.append(String.join(" ← ", layers)).append(" 组成（后者的同名文件替换前者的）。</p>");
        h.append("<p id=\"scenarios\">本通知的 <a href=\"/notices/").append(HtmlReport.esc(p.id()))
                .append("/scenarios\">").append(r.scenarios()).append(" 个场景</a>：").append(r.passed())
                .append(" 个通过，").append(r.scenarios() - r.passed()).append(" 个未通过。下表“触发”为各规则在这些场景中"
                        + "触发的次数；0 次的规则没有场景检验。</p>");
        for (String phase : p.phases()) {
            h.append("<h2>阶段 ").append(HtmlReport.esc(phase)).append("</h2><table class=\"phase\"><tr><th>规则</th>"
                    + "<th>文件:行</th><th>触发</th></tr>");
            for (Policy.RuleInfo rule : p.rules()) {
                if (!phase.equals(rule.phase())) {
                    continue;
                }
                int n = r.fired().getOrDefault(rule.name(), 0);
                h.append("<tr").append(n == 0 ? " class=\"never\"" : "").append("><td>")
                        .append(HtmlReport.esc(rule.name())).append("</td><td class=\"file\">")
                        .append(rule.file().contains("/") ? HtmlReport.esc(rule.file() + ":" + lineOf(p, rule))
                                : "<a href=\"/notices/" + HtmlReport.esc(p.id()) + "/files/" + HtmlReport.esc(rule.file())
                                + "#L" + lineOf(p, rule) + "\">" + HtmlReport.esc(rule.file() + ":" + lineOf(p, rule))
                                + "</a>").append("</td><td class=\"n\">")
                        .append(n).append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    /** The line a rule is written at: its `rule "…"` line in DRL, its row in a decision table. */
    static int lineOf(Policy p, Policy.RuleInfo rule) {
        for (PolicyFiles.Source s : p.sources()) {
            if (!s.label().equals(rule.file())) {
                continue;
            }
            String[] lines = s.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.startsWith("rule \"" + rule.name() + "\"") || l.startsWith(rule.name() + ",")) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /**
     * A rule file of the notice in an editor: saving writes the file, compiles the notice, and runs its scenarios; the
     * problems show at their lines and each scenario as passed or failed, expected beside actual.
     */
    String editor(String notice, PolicyFiles.Source file) {
        String[] lines = file.text().split("\n", -1);
        StringBuilder numbers = new StringBuilder();
        for (int i = 1; i <= lines.length; i++) {
            numbers.append("<span id=\"L").append(i).append("\">").append(i).append("</span>\n");
        }
        String toolbar = readOnly ? "" : "<p><button type=\"submit\" id=\"save\">保存并运行场景</button> <span id=\"status\" "
                + "role=\"status\"></span></p><div id=\"results\" aria-live=\"polite\"></div>";
        return head(file.name()) + "<h1><a href=\"/notices/" + HtmlReport.esc(notice) + "\">" + HtmlReport.esc(notice)
                + "</a> / " + HtmlReport.esc(file.name()) + "</h1>"
                + (readOnly ? "<p>本服务为只读（--read-only）：可以查看，不能保存。</p>"
                : "<p>保存即写入规则目录中的这个文件（与在编辑器里保存相同：命令行、git 和 jixiao test 看到的是同一个文件），"
                + "随即编译本通知并运行它的全部场景。按 Ctrl+S 或点“保存并运行场景”。</p>")
                + "<form id=\"editor\">" + toolbar + "<div style=\"display:flex;border:1px solid #ccc\"><pre "
                + "aria-hidden=\"true\" style=\"margin:0;padding:4px 6px;background:#f6f6f6;color:#888;text-align:right;"
                + "font:13px/1.5 monospace\">" + numbers + "</pre><textarea id=\"text\" name=\"text\" "
                + "aria-label=\"文件内容\" spellcheck=\"false\" wrap=\"off\" rows=\"" + (lines.length + 1) + "\" "
                + "style=\"flex:1;border:0;padding:4px 6px;font:13px/1.5 monospace;resize:none;white-space:pre;"
                + "overflow-x:auto;overflow-y:hidden\"" + (readOnly ? " readonly" : "") + ">" + HtmlReport.esc(file.text())
                + "</textarea></div></form>"
                + (readOnly ? "" : "<script>" + EDITOR_SCRIPT.replace("EDIT_KEY", editKey) + "</script>")
                + "</body></html>";
    }

    /** The editor's script: save with the edit key in a header, then show the compile problems and the scenarios. */
    private static final String EDITOR_SCRIPT = """
            const form = document.getElementById('editor'), text = document.getElementById('text');
            const status = document.getElementById('status'), results = document.getElementById('results');
            const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
            async function save(e) {
              if (e) e.preventDefault();
              status.textContent = '保存中…';
              const r = await fetch(location.pathname, {method: 'POST', body: text.value,
                headers: {'X-Jixiao-Edit': 'EDIT_KEY', 'Content-Type': 'text/plain; charset=utf-8'}});
              const j = await r.json();
              if (!r.ok) { status.textContent = j.error; return; }
              let h = '';
              if (!j.compiled) {
                status.textContent = '已保存；规则不能编译';
                h += '<h2>编译错误</h2><ul id="problems">' + j.problems.map(p =>
                  '<li><a href="#L' + p.line + '">' + esc(p.file) + ':' + p.line + '</a> ' + esc(p.message) + '</li>').join('') + '</ul>';
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
                  rows.forEach((m, i) => h += '<tr class="' + (s.status === 'PASSED' ? '' : 'diff') + '">' +
                    (i ? '<td></td><td></td>' : '<td>' + esc(s.file) + '</td><td>' + (s.status === 'PASSED' ? '通过' : s.status === 'FAILED' ? '未通过' : '不能运行') + '</td>') +
                    '<td>' + esc(m.field) + '</td><td>' + esc(m.expected) + '</td><td>' + esc(m.actual) + '</td></tr>');
                }
                h += '</table>';
              }
              results.innerHTML = h;
            }
            form.addEventListener('submit', save);
            document.addEventListener('keydown', e => { if ((e.ctrlKey || e.metaKey) && e.key === 's') save(e); });
            // a link ending in #save saves the file as it is and runs the scenarios at once (to re-run them)
            if (location.hash === '#save') save();
            """;

    /** After a save: does the notice compile, and how do its scenarios fare? (JSON for the editor's script) */
    com.fasterxml.jackson.databind.node.ObjectNode check(String notice) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode out = json.createObjectNode();
        var problems = out.putArray("problems");
        var results = out.putArray("scenarios");
        Policy p;
        try {
            p = registry.forNotice(notice);
        } catch (PolicyException e) {
            out.put("compiled", false);
            out.put("message", e.getMessage());
            for (jixiao.engine.PolicyProblem pr : e.getProblems()) {
                if (pr.primary()) {
                    problems.addObject().put("file", pr.file()).put("line", pr.line()).put("message", pr.message());
                }
            }
            if (e.getProblems().isEmpty()) {
                problems.addObject().put("file", notice).put("line", 0).put("message", e.getMessage());
            }
            out.put("passed", 0).put("failed", 0);
            return out;
        }
        out.put("compiled", true);
        out.put("fingerprint", p.fingerprint());
        int passed = 0;
        int failed = 0;
        ScenarioRunner runner = new ScenarioRunner(registry, new Scorer());
        for (Path f : scenarioFiles(notice)) {
            ScenarioRunner.Outcome o = runner.run(f);
            var r = results.addObject();
            r.put("file", f.getFileName().toString());
            r.put("description", o.description());
            r.put("status", o.status().name());
            if (o.error() != null) {
                r.put("error", o.error());
            }
            var ms = r.putArray("mismatches");
            for (jixiao.scenario.Expectations.Mismatch m : o.mismatches()) {
                ms.addObject().put("field", m.field()).put("expected", m.expected()).put("actual", m.actual());
            }
            if (o.status() == ScenarioRunner.Status.PASSED) {
                passed++;
            } else {
                failed++;
            }
        }
        out.put("passed", passed);
        out.put("failed", failed);
        return out;
    }

    /** The notice's scenarios, run now: each with its description and, when it fails, expected beside actual. */
    String scenarios(String notice) {
        com.fasterxml.jackson.databind.node.ObjectNode run = check(notice);
        StringBuilder h = new StringBuilder(head(notice + " 的场景"));
        h.append("<h1><a href=\"/notices/").append(HtmlReport.esc(notice)).append("\">").append(HtmlReport.esc(notice))
                .append("</a> 的场景</h1>");
        if (!run.get("compiled").asBoolean()) {
            h.append("<p class=\"reject\" role=\"alert\">规则不能编译：").append(HtmlReport.esc(run.path("message")
                    .asText())).append("</p>");
            return h.append("</body></html>").toString();
        }
        h.append("<p id=\"scenarios\">").append(run.get("passed").asInt()).append(" 个通过，")
                .append(run.get("failed").asInt()).append(" 个未通过（规则指纹 ").append(HtmlReport.esc(run.get("fingerprint")
                        .asText())).append("）。场景文件在 <code>scenarios/").append(HtmlReport.esc(notice))
                .append("/</code>，格式见 docs/scenarios.md。</p><table id=\"scenario-list\"><tr><th>场景</th><th>说明</th>"
                        + "<th>结果</th><th>不符之处（期望 / 实际）</th></tr>");
        for (var sc : run.get("scenarios")) {
            boolean passed = sc.get("status").asText().equals("PASSED");
            h.append("<tr").append(passed ? "" : " class=\"diff\"").append("><td><a href=\"/notices/")
                    .append(HtmlReport.esc(notice)).append("/scenarios/").append(HtmlReport.esc(sc.get("file").asText()))
                    .append("\">").append(HtmlReport.esc(sc.get("file").asText())).append("</a></td><td>")
                    .append(HtmlReport.esc(sc.path("description").asText())).append("</td><td>")
                    .append(passed ? "通过" : sc.get("status").asText().equals("FAILED") ? "未通过" : "不能运行")
                    .append("</td><td>");
            for (var m : sc.get("mismatches")) {
                h.append(HtmlReport.esc(m.get("field").asText() + "：" + m.get("expected").asText() + " / "
                        + m.get("actual").asText())).append("<br>");
            }
            h.append(HtmlReport.esc(sc.path("error").asText(""))).append("</td></tr>");
        }
        return h.append("</table></body></html>").toString();
    }

    /** One scenario: what it says and expects, then the full report of its result, firing trace included. */
    String scenario(String notice, Path file) {
        ScenarioRunner.Outcome o = new ScenarioRunner(registry, new Scorer()).run(file);
        StringBuilder h = new StringBuilder(head(file.getFileName().toString()));
        h.append("<h1><a href=\"/notices/").append(HtmlReport.esc(notice)).append("/scenarios\">")
                .append(HtmlReport.esc(notice)).append(" 的场景</a> / ").append(HtmlReport.esc(file.getFileName()
                        .toString())).append("</h1><p>").append(HtmlReport.esc(o.description())).append("</p><p id=\"status\">")
                .append(o.status() == ScenarioRunner.Status.PASSED ? "通过" : o.status() == ScenarioRunner.Status.FAILED
                        ? "未通过" : "不能运行：" + HtmlReport.esc(o.error())).append("</p>");
        for (jixiao.scenario.Expectations.Mismatch m : o.mismatches()) {
            h.append("<p class=\"reject\">").append(HtmlReport.esc(m.field() + "：期望 " + m.expected() + "，实际 "
                    + m.actual())).append("</p>");
        }
        try {
            h.append("<h2>场景文件</h2><pre>").append(HtmlReport.esc(Files.readString(file))).append("</pre>");
        } catch (java.io.IOException e) {
            h.append("<p class=\"reject\">").append(HtmlReport.esc(e.getMessage())).append("</p>");
        }
        if (o.result() != null) {
            String report = HtmlReport.page(o.result());
            int from = report.indexOf("<body>");
            int to = report.lastIndexOf("</body>");
            h.append("<h2>评分结果</h2><div id=\"result\">").append(from >= 0 && to > from ? report.substring(from + 6, to)
                    : report).append("</div>");
        }
        return h.append("</body></html>").toString();
    }

    /** A scenario file of the notice by its name (never a path), or null. */
    Path scenarioFile(String notice, String name) {
        return scenarioFiles(notice).stream().filter(f -> f.getFileName().toString().equals(name)).findFirst()
                .orElse(null);
    }

    String compareForm(String problem) {
        StringBuilder options = new StringBuilder();
        for (Notice n : registry.notices()) {
            if (!n.isShared()) {
                options.append("<option value=\"").append(HtmlReport.esc(n.id())).append("\">")
                        .append(HtmlReport.esc(n.id())).append("</option>");
            }
        }
        return head("比较") + "<h1>比较两个通知</h1>" + (problem == null ? "" : "<p class=\"reject\" role=\"alert\">"
                + HtmlReport.esc(problem) + "</p>") + "<p>同一批提交文件（JSON Lines，一行一份；或一份 JSON）分别按两个通知评分，"
                + "看总分、等级和各项指标怎样变化——在采用新通知之前。</p><form method=\"post\" action=\"/compare\" "
                + "enctype=\"multipart/form-data\"><p><label>通知 A <select name=\"a\">" + options + "</select></label> "
                + "<label>通知 B <select name=\"b\">" + options + "</select></label></p><p><label>提交文件 <input "
                + "type=\"file\" name=\"file\" accept=\".jsonl,.json\" required></label> <button type=\"submit\">比较"
                + "</button></p></form></body></html>";
    }

    String scoreForm(String problem) {
        return head("评分") + "<h1>评分</h1>" + (problem == null ? "" : "<p class=\"reject\" role=\"alert\">"
                + HtmlReport.esc(problem) + "</p>") + "<p>选择一份绩效自评表（Excel .xlsx、Word .docx、CSV）或提交文件（.json），"
                + "按它所填的评分通知评分，得到与 <code>jixiao score --format html</code> 相同的报告。</p>"
                + "<form method=\"post\" action=\"/score\" enctype=\"multipart/form-data\"><label>自评表 <input "
                + "type=\"file\" name=\"file\" accept=\".xlsx,.docx,.csv,.json\" required autofocus></label> "
                + "<label>结果 <select name=\"format\"><option value=\"html\">在网页中显示</option><option value=\"xlsx\">"
                + "下载 Excel</option><option value=\"json\">下载 JSON</option><option value=\"csv\">下载 CSV</option>"
                + "</select></label> <button type=\"submit\">评分</button></form></body></html>";
    }
}
