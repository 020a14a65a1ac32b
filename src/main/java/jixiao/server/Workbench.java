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
import jixiao.input.InputException;
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

    Workbench(PolicyRegistry registry, Path scenarios) {
        this.registry = registry;
        this.scenarios = scenarios;
    }

    private static String head(String title) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width\"><title>" + HtmlReport.esc(title) + " · jixiao 绩效自评评分</title>"
                + HtmlReport.STYLE + "<style>body{max-width:1280px;margin:0 auto;padding:0 16px}nav{padding:8px 0;"
                + "border-bottom:1px solid #ddd;margin-bottom:12px}nav a{margin-right:18px}a:focus,button:focus,"
                + "input:focus{outline:3px solid #f90}td.file{font-family:monospace;font-size:.85em;color:#555}"
                + "tr.never td{color:#a00}td{vertical-align:middle}</style></head><body><nav aria-label=\"主菜单\"><a href=\"/\">通知</a>"
                + "<a href=\"/score\">评分</a><a href=\"/api/v1/openapi.json\">API</a></nav>";
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
        h.append("<p id=\"scenarios\">本通知的 ").append(r.scenarios()).append(" 个场景：").append(r.passed())
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
                        .append(HtmlReport.esc(rule.file() + ":" + lineOf(p, rule))).append("</td><td class=\"n\">")
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

    String scoreForm(String problem) {
        return head("评分") + "<h1>评分</h1>" + (problem == null ? "" : "<p class=\"reject\" role=\"alert\">"
                + HtmlReport.esc(problem) + "</p>") + "<p>选择一份绩效自评表（Excel .xlsx、Word .docx、CSV）或提交文件（.json），"
                + "按它所填的评分通知评分，得到与 <code>jixiao score --format html</code> 相同的报告。</p>"
                + "<form method=\"post\" action=\"/score\" enctype=\"multipart/form-data\"><label>自评表 <input "
                + "type=\"file\" name=\"file\" accept=\".xlsx,.docx,.csv,.json\" required autofocus></label> "
                + "<button type=\"submit\">评分</button></form></body></html>";
    }

    /** Thrown for an upload that cannot be read: the form again, with the reason. */
    static final class Unreadable extends Exception {
        Unreadable(InputException e) {
            super(e.getMessage());
        }
    }
}
