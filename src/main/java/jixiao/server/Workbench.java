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
    record Runs(Map<String, Integer> fired, int scenarios, int passed, int rules, int covered) {
    }

    private final boolean readOnly;

    Workbench(PolicyRegistry registry, Path scenarios, boolean readOnly, java.time.Duration timeout) {
        this.registry = registry;
        this.scenarios = scenarios;
        this.readOnly = readOnly;
        this.timeout = timeout;
        this.publisher = new jixiao.publish.Publisher(new jixiao.publish.Drafts(registry, scenarios), timeout);
    }

    /** Drafts, publishing and history of the rules folder this workbench shows. */
    private final jixiao.publish.Publisher publisher;

    jixiao.publish.Publisher publisher() {
        return publisher;
    }

    /** The time the rules may take on one scenario or submission, as everywhere else on this server. */
    private final java.time.Duration timeout;

    private Scorer scorer() {
        return new Scorer().withTimeout(timeout);
    }

    private static String head(String title) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width\"><title>" + HtmlReport.esc(title) + " · jixiao 绩效自评评分</title>"
                + HtmlReport.STYLE + "<style>body{max-width:1280px;margin:0 auto;padding:0 16px}nav{padding:8px 0;"
                + "border-bottom:1px solid #ddd;margin-bottom:12px}nav a{margin-right:18px}a:focus,button:focus,"
                + "input:focus{outline:3px solid #f90}table.grid input{border:1px solid #ddd;font:inherit;padding:2px 4px}table.grid td{padding:1px}tr.problem td{background:#fdd}tr.target td{background:#ffd}.row-actions button{padding:0 6px;margin-left:2px}details.definitions pre{font-size:.8em;color:#555;overflow-x:auto}p.toolbar{position:sticky;top:0;background:#fff;padding:6px 0;margin:0;z-index:5;border-bottom:1px solid #eee}td.file{font-family:monospace;font-size:.85em;color:#555}"
                + "tr.never td{color:#a00}td{vertical-align:middle}@media print{nav,form,button,p.toolbar,#record,#document-links,#technical,#batch-filters{display:none}}#scenario-results td:nth-child(2),#scenario-list td:nth-child(3){white-space:nowrap}pre{white-space:pre-wrap}</style></head><body><nav aria-label=\"主菜单\"><a href=\"/\">通知</a>"
                + "<a href=\"/score\">评分</a><a href=\"/compare\">比较</a><a href=\"/api\">接口</a></nav>";
    }

    String login(boolean wrong) {
        return head("登录") + "<h1>jixiao 绩效自评评分</h1>" + (wrong ? "<p class=\"reject\" role=\"alert\">访问令牌不对。</p>"
                : "") + "<p>请输入 <code>jixiao serve</code> 启动时打印的访问令牌（或打开它打印的链接）。</p>"
                + "<form method=\"post\" action=\"/login\"><label>访问令牌 <input name=\"token\" type=\"password\" "
                + "autofocus required size=\"40\"></label> <button type=\"submit\">进入</button></form></body></html>";
    }

    /** Scenario runs started for the list of notices, by fingerprint; each is run once, on a background thread. */
    private final java.util.Set<String> started = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "jixiao-workbench-scenarios");
                t.setDaemon(true);
                return t;
            });

    String notices() {
        StringBuilder rows = new StringBuilder();
        StringBuilder technical = new StringBuilder(); // fingerprints and mutation scores: for whoever looks after the rules
        boolean pending = false;
        jixiao.engine.PolicyCache cache = jixiao.engine.PolicyCache.fromSettings();
        for (Notice n : registry.notices()) {
            String fingerprint;
            try {
                fingerprint = PolicyFiles.resolve(registry.root().resolve(n.id())).fingerprint();
            } catch (PolicyException e) {
                fingerprint = null;
                rows.append("<tr><td>").append(HtmlReport.esc(n.id())).append("</td><td colspan=\"8\" class=\"reject\">")
                        .append(HtmlReport.esc(e.getMessage())).append("</td></tr>");
                continue;
            }
            rows.append("<tr><td>").append("<a href=\"/notices/" + HtmlReport.esc(n.id()) + "\">"
                    + HtmlReport.esc(n.id()) + "</a>" + (n.isShared() ? "（共用规则）" : ""))
                    .append("</td><td>").append(HtmlReport.esc(n.title())).append("</td><td>")
                    .append(HtmlReport.esc(n.issuer())).append("</td><td>")
                    .append(n.isShared() ? "共用规则，不单独适用" : "现行" + (n.year() == null ? "" : "：" + n.year()
                            + " 年度的自评"))
                    .append("</td><td>").append(n.base() == null ? "" : HtmlReport.esc(n.base().notice())).append("</td>");
            technical.append("<tr><td>").append(HtmlReport.esc(n.id())).append("</td><td class=\"file\">")
                    .append(HtmlReport.esc(fingerprint)).append("</td><td>")
                    .append(n.isShared() ? "由建于其上的通知检验" : mutationScore(cache, n.id(), fingerprint)).append("</td></tr>");
            if (n.isShared()) {
                rows.append("<td colspan=\"3\">由建于其上的通知检验</td></tr>");
                continue;
            }
            Runs r = runs.get(n.id() + "@" + fingerprint);
            if (r == null) {
                pending = true;
                if (started.add(fingerprint)) {
                    background.submit(() -> {
                        try {
                            runs(n.id(), registry.forNotice(n.id()));
                        } catch (PolicyException | RuntimeException e) {
                            // the policy page shows why the notice cannot be used
                        }
                    });
                }
                rows.append("<td>").append(scenarioFiles(n.id()).size()).append("</td><td colspan=\"2\" class=\"pending\">"
                        + "运行场景中…</td>");
            } else {
                rows.append("<td class=\"n\">").append(r.scenarios()).append("</td><td class=\"n\">").append(r.passed())
                        .append(r.passed() == r.scenarios() ? "" : "（" + (r.scenarios() - r.passed()) + " 个未通过）")
                        .append("</td><td class=\"n\" title=\"场景中至少触发一次的规则\">").append(r.covered()).append(" / ")
                        .append(r.rules()).append(" 条规则（").append(percent(r.covered(), r.rules())).append("）</td>");
            }
            rows.append("</tr>");
        }
        StringBuilder h = new StringBuilder(head("通知"));
        if (pending) {
            // the scenario runs finish in a few seconds: the page shows them when they have
            h.insert(h.indexOf("</head>"), "<meta http-equiv=\"refresh\" content=\"3\">");
        }
        h.append("<h1>通知</h1><p>现行的评分政策，每个通知一份；每份提交按它所写的通知评分。“覆盖”是本通知的检验场景"
                + "至少用到一次的规则所占比例。</p>");
        h.append("<table id=\"notices\"><tr><th>通知</th><th>标题</th><th>发布机关</th><th>状态</th><th>建于</th>"
                + "<th>场景</th><th>通过</th><th>覆盖</th></tr>");
        h.append(rows).append("</table>");
        h.append("<details id=\"technical\"><summary>维护信息（规则指纹、变异检验）</summary><p>规则目录 <code>")
                .append(HtmlReport.esc(registry.root().toString())).append("</code>。规则指纹标识一套规则的确切版本（报告和接口"
                        + "都注明所用的指纹）；变异得分是 <code>jixiao test --mutants</code> 对这套规则最近一次的结果：逐一改动规则中的"
                        + "数和比较符，看场景能否发现。</p><table><tr><th>通知</th><th>规则指纹</th><th>变异得分</th></tr>")
                .append(technical).append("</table></details>");
        List<String> drafts = registry.draftIds();
        h.append("<h2>草稿</h2>");
        if (drafts.isEmpty()) {
            h.append("<p id=\"no-drafts\">没有草稿。要修改一个通知，在它的页面上点“起草修改本通知”；发布前，草稿不影响任何人的评分。</p>");
        } else {
            h.append("<table id=\"drafts\"><tr><th>草稿</th><th>标题</th><th>是</th></tr>");
            for (String d : drafts) {
                String title;
                try {
                    title = jixiao.engine.PolicyLoader.readNotice(publisher.drafts().rulesOf(d)).title();
                } catch (PolicyException e) {
                    title = e.getMessage();
                }
                h.append("<tr><td><a href=\"/drafts/").append(HtmlReport.esc(d)).append("\">").append(HtmlReport.esc(d))
                        .append("（草稿）</a></td><td>").append(HtmlReport.esc(title)).append("</td><td>")
                        .append(registry.noticeIds().contains(d) ? "现行通知 " + HtmlReport.esc(d) + " 的修改稿" : "新通知")
                        .append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "—" : String.format("%.1f%%", 100.0 * part / whole);
    }

    /** The last mutation run on exactly these rules, where known (jixiao test --mutants keeps it by fingerprint). */
    private static String mutationScore(jixiao.engine.PolicyCache cache, String id, String fingerprint) {
        String note = cache == null ? null : cache.note("mutants-" + fingerprint);
        if (note != null) {
            try {
                com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(note);
                int killed = m.path("killed").asInt();
                int equivalent = m.path("equivalent").asInt();
                int survived = m.path("survived").asInt();
                return "<span class=\"mutation\">" + percent(killed + equivalent, killed + equivalent + survived)
                        + "</span>（" + killed + " 个被场景发现，" + equivalent + " 个等价，" + survived + " 个存活；"
                        + HtmlReport.esc(m.path("at").asText()) + "）";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // an unreadable note is no note
            }
        }
        return "未知（<code>jixiao test --mutants " + HtmlReport.esc(id) + "</code>）";
    }

    /**
     * Where a notice's pages are: {@code /notices/ID} for a published notice, {@code /drafts/ID} for a draft (its
     * reference is {@code drafts/ID}).
     */
    static String href(String ref) {
        return PolicyRegistry.isDraft(ref) ? "/" + HtmlReport.esc(ref) : "/notices/" + HtmlReport.esc(ref);
    }

    /** How a page names a notice: its id, and （草稿） for a draft. */
    static String label(String ref) {
        return PolicyRegistry.isDraft(ref) ? HtmlReport.esc(PolicyRegistry.idOf(ref)) + "（草稿）" : HtmlReport.esc(ref);
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
    private Runs runs(String ref, Policy p) {
        return runs.computeIfAbsent(ref + "@" + p.fingerprint(), f -> {
            ScenarioRunner runner = new ScenarioRunner(registry, scorer()).withPolicy(p);
            Map<String, Integer> fired = new LinkedHashMap<>();
            int passed = 0;
            List<Path> files = scenarioFiles(ref);
            for (Path file : files) {
                ScenarioRunner.Outcome o = runner.run(file);
                passed += o.status() == ScenarioRunner.Status.PASSED ? 1 : 0;
                if (o.result() != null) {
                    for (ScoreResult.Firing firing : o.result().firings()) {
                        fired.merge(firing.rule(), 1, Integer::sum);
                    }
                }
            }
            int covered = (int) p.rules().stream().filter(rule -> fired.containsKey(rule.name())).count();
            return new Runs(fired, files.size(), passed, p.rules().size(), covered);
        });
    }

    String policy(String ref, Policy p, String editKey, String name) {
        Runs r = runs(ref, p);
        StringBuilder h = new StringBuilder(head(PolicyRegistry.idOf(ref)));
        h.append("<h1>").append(label(ref)).append("</h1>").append(governance(ref, p, editKey, name))
                .append("<p id=\"document-links\">评分细则（由规则生成，可打印、可下载）：<a href=\"").append(href(ref))
                .append("/document\">网页</a> · <a href=\"").append(href(ref)).append("/document?format=docx\">Word</a>"
                        + " · <a href=\"").append(href(ref)).append("/document?format=md\">Markdown</a></p><p>").append(HtmlReport.esc(p.notice().title()))
                .append("</p>");
        List<String> layers = new ArrayList<>();
        p.layers().forEach(l -> layers.add(HtmlReport.esc(l.getFileName().toString())));
        h.append("<p>由 ").append(String.join(" ← ", layers)).append(" 组成（后者的同名文件替换前者的）。</p>")
                .append("<details id=\"technical\"><summary>维护信息</summary><p>规则指纹 <code>")
                .append(HtmlReport.esc(p.fingerprint())).append("</code>：这套规则确切版本的标识，报告和接口都注明评分所用的指纹。"
                        + "</p></details>");
        h.append("<p id=\"scenarios\">本通知的 <a href=\"").append(href(ref))
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
                                : "<a href=\"" + href(ref) + "/files/" + HtmlReport.esc(rule.file())
                                + "#L" + lineOf(p, rule) + "\">" + HtmlReport.esc(rule.file() + ":" + lineOf(p, rule))
                                + "</a>").append("</td><td class=\"n\">")
                        .append(n).append("</td></tr>");
            }
            h.append("</table>");
        }
        decisionTables(ref, p, h);
        return h.append("</body></html>").toString();
    }

    /** The 评分细则 of a notice or draft, its examples from its scenarios. */
    jixiao.publish.PolicyDocument document(String ref, Policy p) throws java.io.IOException {
        return jixiao.publish.PolicyDocument.of(registry, p, scenarios == null ? null : scenarios.resolve(ref), timeout);
    }

    /** A form that changes something: posted with the session's edit key, as every change is. */
    private static String form(String action, String id, String editKey, String inner) {
        return "<form method=\"post\" action=\"" + action + "\"" + (id == null ? "" : " id=\"" + id + "\"")
                + " class=\"governance\"><input type=\"hidden\" name=\"edit\" value=\"" + editKey + "\">" + inner
                + "</form>";
    }

    /**
     * Above a notice's policy: whether it is the one in force or a draft, and what can be done with it — start a draft
     * (a working copy, or a new notice built on it), see its history; for a draft, what it changes in the notice in
     * force, publish it (name and reason asked), or throw it away.
     */
    private String governance(String ref, Policy p, String editKey, String name) {
        String id = PolicyRegistry.idOf(ref);
        StringBuilder h = new StringBuilder();
        String esc = HtmlReport.esc(id);
        String who = name == null ? "" : HtmlReport.esc(name);
        if (!PolicyRegistry.isDraft(ref)) {
            h.append("<p id=\"status\" class=\"in-force\"><strong>现行</strong>：评分、接口和命令行用的就是这套规则")
                    .append(p.notice().year() == null ? "" : "（适用于 " + p.notice().year() + " 年度的自评）")
                    .append("。修改先起草，在草稿中改、跑场景，检查通过后发布。<a href=\"/notices/").append(esc)
                    .append("/history\" id=\"history-link\">发布历史</a></p>");
            if (readOnly) {
                return h.toString();
            }
            if (publisher.drafts().exists(id)) {
                h.append("<p id=\"has-draft\">本通知有未发布的草稿：<a href=\"/drafts/").append(esc).append("\">打开草稿</a></p>");
            } else {
                h.append(form("/notices/" + esc + "/draft", "start-draft", editKey,
                        "<button type=\"submit\">起草修改本通知</button>"));
            }
            h.append("<details id=\"new-notice\"><summary>以本通知为基础，起草新通知（如下一年度的）</summary>")
                    .append(form("/notices/" + esc + "/new", null, editKey, "<label>新通知编号 <input name=\"id\" "
                            + "required pattern=\"[A-Za-z0-9][A-Za-z0-9._-]*\" placeholder=\"如 " + esc + "-next\"></label> "
                            + "<label>标题 <input name=\"title\" size=\"40\"></label> <button type=\"submit\">起草新通知"
                            + "</button>")).append("</details>");
            return h.toString();
        }
        boolean working = registry.noticeIds().contains(id);
        h.append("<p id=\"status\" class=\"draft\"><strong>草稿（未发布）</strong>：")
                .append(working ? "评分、接口和命令行仍用现行的 <a href=\"/notices/" + esc + "\">" + esc + "</a>"
                        : "新通知，建于 " + HtmlReport.esc(p.notice().base() == null ? "" : p.notice().base().notice())
                        + " 之上；发布前没有人用它评分")
                .append("。在这里修改文件、运行场景；发布时先检查全部（编译、规则检查、全部场景），有一项不通过就不发布。</p>");
        try {
            List<jixiao.publish.PolicyDiff.Change> changes = publisher.changesInDraft(id);
            h.append("<details id=\"draft-changes\"").append(changes.size() <= 12 ? " open" : "").append("><summary>")
                    .append(working ? "与现行规则相比的改动：" : "本草稿自己的文件：").append(changes.size())
                    .append(" 处</summary><ul>");
            changes.forEach(c -> h.append("<li>").append(HtmlReport.esc(c.toString())).append("</li>"));
            h.append("</ul></details>");
        } catch (jixiao.publish.PublishException e) {
            h.append("<p class=\"reject\">").append(HtmlReport.esc(e.getMessage())).append("</p>");
        }
        if (working) {
            try {
                List<jixiao.publish.Publisher.Moved> moved = publisher.movedOnScenarios(id);
                h.append("<details id=\"draft-moves\" open><summary>按草稿的场景比较：现行规则与草稿给出的总分或等级不同的，")
                        .append(moved.size()).append(" 个</summary>");
                if (!moved.isEmpty()) {
                    h.append("<table><tr><th>场景</th><th>现行规则</th><th>草稿</th></tr>");
                    moved.forEach(m -> h.append("<tr><td>").append(HtmlReport.esc(m.scenario())).append("</td><td>")
                            .append(HtmlReport.esc(m.before())).append("</td><td>").append(HtmlReport.esc(m.after()))
                            .append("</td></tr>"));
                    h.append("</table>");
                }
                h.append("<p>要按一批真实的提交比较，在<a href=\"/compare\">比较</a>中选现行的 ").append(esc)
                        .append(" 和 ").append(esc).append("（草稿）。</p></details>");
            } catch (jixiao.publish.PublishException e) {
                h.append("<p class=\"reject\">").append(HtmlReport.esc(e.getMessage())).append("</p>");
            }
        }
        if (readOnly) {
            return h.toString();
        }
        h.append(form("/drafts/" + esc + "/publish", "publish", editKey, "<label>你的姓名 <input name=\"by\" required "
                + "value=\"" + who + "\" autocomplete=\"name\"></label> <label>发布理由 <input name=\"reason\" required "
                + "size=\"50\" placeholder=\"如：依据2022年通知第4条，调整等级区间\"></label> <label><input type=\"checkbox\" "
                + "name=\"mutants\"> 同时做变异检验（约一分钟）</label> <button type=\"submit\">检查并发布</button>"));
        h.append(form("/drafts/" + esc + "/discard", "discard", editKey, "<button type=\"submit\">放弃草稿</button>"));
        return h.toString();
    }

    /**
     * A draft whose rules cannot be used now (a typo saved, a base changed): why, and its own files, to mend them —
     * the notice in force is not touched meanwhile.
     */
    String brokenDraft(String ref, PolicyException e, String editKey) {
        String id = PolicyRegistry.idOf(ref);
        StringBuilder h = new StringBuilder("<h1>" + label(ref) + "</h1><p id=\"status\" class=\"draft\"><strong>草稿（未发布）"
                + "</strong>：现在不能使用，评分不受影响（仍用现行的规则）。</p>");
        String[] stale = publisher.drafts().stalePin(id);
        if (stale != null) {
            String base = HtmlReport.esc(stale[0]);
            h.append("<p class=\"reject\" id=\"stale-pin\">草稿建于 <a href=\"/notices/").append(base).append("\">").append(base)
                    .append("</a> 之上；草稿开始后，").append(base).append(" 又发布了新的版本（规则指纹 ")
                    .append(HtmlReport.esc(stale[1])).append(" → ").append(HtmlReport.esc(stale[2])).append("）。请先在它的"
                    + "<a href=\"/notices/").append(base).append("/history\">发布历史</a>中看改了什么，再按现行版本重新钉住：草稿的场景"
                    + "随即显示这一改动对草稿的影响。</p>");
            if (!readOnly) {
                h.append(form("/drafts/" + HtmlReport.esc(id) + "/pin", "repin", editKey,
                        "<button type=\"submit\">按 " + base + " 的现行版本重新钉住</button>"));
            }
            h.append("<details><summary>详细信息</summary><p>").append(HtmlReport.esc(e.describe())).append("</p></details>");
        } else {
            h.append("<p class=\"reject\" id=\"draft-problem\">").append(HtmlReport.esc(e.describe())).append("</p>");
        }
        h.append("<h2>草稿的文件</h2><ul>");
        try (java.util.stream.Stream<Path> files = Files.list(publisher.drafts().rulesOf(id))) {
            files.map(p -> p.getFileName().toString()).filter(jixiao.engine.PolicyLoader::isRuleFile).sorted()
                    .forEach(f -> h.append("<li><a href=\"").append(href(ref)).append("/files/").append(HtmlReport.esc(f))
                            .append("\">").append(HtmlReport.esc(f)).append("</a></li>"));
        } catch (java.io.IOException io) {
            h.append("<li>（无法列出文件：").append(HtmlReport.esc(io.getMessage())).append("）</li>");
        }
        h.append("</ul>");
        if (!readOnly) {
            h.append(form("/drafts/" + HtmlReport.esc(id) + "/discard", "discard", editKey,
                    "<button type=\"submit\">放弃草稿</button>"));
        }
        return inPage(id + "（草稿）", h.toString());
    }

    /** After a publish or rollback: done (with the version), or refused with every reason. */
    String published(String id, jixiao.publish.Publisher.Published done, String verb) {
        StringBuilder h = new StringBuilder("<h1>" + verb + " " + HtmlReport.esc(id) + "</h1>");
        h.append("<p id=\"outcome\" class=\"in-force\">已").append(verb).append("：<a href=\"/notices/")
                .append(HtmlReport.esc(id)).append("\">").append(HtmlReport.esc(id)).append("</a> 现行的规则是刚才检查过的这一版（场景 ")
                .append(done.check().passed()).append("/").append(done.check().scenarios()).append(" 通过）")
                .append(done.commit() == null ? "；与原来的完全相同，历史未变。" : "，历史版本 <code>"
                        + done.commit().substring(0, 8) + "</code>。").append(" <a href=\"/notices/")
                .append(HtmlReport.esc(id)).append("/history\">发布历史</a></p>");
        if (!done.check().warnings().isEmpty()) {
            h.append("<ul id=\"warnings\">");
            done.check().warnings().forEach(w -> h.append("<li>").append(HtmlReport.esc(w)).append("</li>"));
            h.append("</ul>");
        }
        return inPage(verb + " " + id, h.toString());
    }

    String refused(String ref, String verb, jixiao.publish.PublishException e) {
        StringBuilder h = new StringBuilder("<h1>没有" + verb + "：" + label(ref) + "</h1>");
        h.append("<p id=\"outcome\" class=\"reject\" role=\"alert\">").append(HtmlReport.esc(e.getMessage()))
                .append("现行的规则没有任何改变。</p>");
        if (!e.reasons().isEmpty()) {
            h.append("<ol id=\"refusals\">");
            e.reasons().forEach(r -> h.append("<li>").append(HtmlReport.esc(r)).append("</li>"));
            h.append("</ol>");
        }
        h.append("<p><a href=\"").append(href(ref)).append("\">回到").append(label(ref)).append("</a></p>");
        return inPage("没有" + verb, h.toString());
    }

    /** A notice's published versions, newest first, each with what it changed and a way back to it. */
    String history(String id, String editKey, String name) {
        StringBuilder h = new StringBuilder("<h1><a href=\"/notices/" + HtmlReport.esc(id) + "\">" + HtmlReport.esc(id)
                + "</a> 的发布历史</h1>");
        List<jixiao.publish.RulesHistory.Version> versions;
        try {
            versions = publisher.history(id);
        } catch (jixiao.publish.PublishException e) {
            return inPage(id + " 的发布历史", h + "<p class=\"reject\">" + HtmlReport.esc(e.getMessage()) + "</p>");
        }
        if (versions.isEmpty()) {
            h.append("<p id=\"no-history\">还没有发布记录：规则目录的历史（git）中还没有改动它的版本。第一次发布时开始记录。</p>");
            return inPage(id + " 的发布历史", h.toString());
        }
        h.append("<p>每一版都是一次发布（或回退），记下发布人和理由。回退也是一次发布：那一版的规则和场景先经全部检查，再成为新的一版。</p>")
                .append("<table id=\"versions\"><tr><th>版本</th><th>时间</th><th>发布人</th><th>理由</th><th>改动</th><th></th></tr>");
        java.time.format.DateTimeFormatter when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(java.time.ZoneId.systemDefault());
        for (int i = 0; i < versions.size(); i++) {
            var v = versions.get(i);
            h.append("<tr><td class=\"file\">").append(v.shortId()).append(i == 0 ? "（现行）" : "").append("</td><td>")
                    .append(when.format(v.when())).append("</td><td>").append(HtmlReport.esc(v.author())).append("</td><td>")
                    .append(HtmlReport.esc(v.message().lines().findFirst().orElse(""))).append("</td><td><a href=\"/notices/")
                    .append(HtmlReport.esc(id)).append("/history/").append(v.commit()).append("\">改了什么</a></td><td>");
            if (i > 0 && !readOnly) {
                h.append(form("/notices/" + HtmlReport.esc(id) + "/history/" + v.commit() + "/rollback", null, editKey,
                        "<input name=\"by\" required placeholder=\"你的姓名\" value=\"" + (name == null ? ""
                        : HtmlReport.esc(name)) + "\" size=\"8\"> <input name=\"reason\" required placeholder=\"回退理由\" "
                        + "size=\"16\"> <button type=\"submit\">回退到此版</button>"));
            }
            h.append("</td></tr>");
        }
        return inPage(id + " 的发布历史", h.append("</table>").toString());
    }

    /** What one version changed, from the version before it. */
    String version(String id, String commit) {
        StringBuilder h = new StringBuilder("<h1><a href=\"/notices/" + HtmlReport.esc(id) + "/history\">"
                + HtmlReport.esc(id) + " 的发布历史</a> / " + HtmlReport.esc(commit.length() > 8 ? commit.substring(0, 8)
                : commit) + "</h1>");
        try {
            List<jixiao.publish.PolicyDiff.Change> changes = publisher.changesIn(id, commit);
            h.append("<p>这一版相对于前一版的改动（").append(changes.size()).append(" 处）：</p><ul id=\"changes\">");
            changes.forEach(c -> h.append("<li>").append(HtmlReport.esc(c.toString())).append("</li>"));
            h.append("</ul>");
            List<jixiao.publish.Publisher.Moved> moved = publisher.movedInVersion(id, commit);
            h.append("<p>按这一版的场景，这一版与前一版给出的总分或等级不同的：").append(moved.size()).append(" 个</p>");
            if (!moved.isEmpty()) {
                h.append("<table id=\"moved\"><tr><th>场景</th><th>前一版</th><th>这一版</th></tr>");
                moved.forEach(m -> h.append("<tr><td>").append(HtmlReport.esc(m.scenario())).append("</td><td>")
                        .append(HtmlReport.esc(m.before())).append("</td><td>").append(HtmlReport.esc(m.after()))
                        .append("</td></tr>"));
                h.append("</table>");
            }
        } catch (jixiao.publish.PublishException e) {
            h.append("<p class=\"reject\">").append(HtmlReport.esc(e.getMessage())).append("</p>");
        }
        return inPage(id + " 的改动", h.toString());
    }

    /**
     * The notice's decision tables as tables: each RuleTable's header row and its rows (one rule each), with the line
     * each row is written at — linked to the editor for the notice's own files.
     */
    private static void decisionTables(String ref, Policy p, StringBuilder h) {
        for (PolicyFiles.Source s : p.sources()) {
            if (!s.name().endsWith(".drl.csv")) {
                continue;
            }
            boolean own = !s.label().contains("/");
            for (jixiao.engine.DecisionTables.Table t : jixiao.engine.DecisionTables.tables(s.text())) {
                h.append("<h2>决策表 ").append(HtmlReport.esc(t.name())).append("</h2><p class=\"file\">")
                        .append(HtmlReport.esc(s.label())).append(own ? "（<a href=\"" + href(ref)
                        + "/files/" + HtmlReport.esc(s.name()) + "\">按表格编辑</a>）" : "（基础通知的文件）")
                        .append("</p><table class=\"decision-table\"><tr><th>行</th>");
                t.header().forEach(c -> h.append("<th>").append(HtmlReport.esc(c)).append("</th>"));
                h.append("</tr>");
                for (jixiao.engine.DecisionTables.Row row : t.rows()) {
                    h.append("<tr><td class=\"file\">").append(own ? "<a href=\"" + href(ref) + "/files/"
                            + HtmlReport.esc(s.name()) + "#L" + row.line() + "\">" + row.line() + "</a>" : row.line())
                            .append("</td>");
                    for (int c = 0; c < t.header().size(); c++) {
                        h.append("<td>").append(HtmlReport.esc(row.cell(c))).append("</td>");
                    }
                    h.append("</tr>");
                }
                h.append("</table>");
            }
        }
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
     * A rule file of the notice in an editor — a code editor with DRL highlighting, or for a decision table its rule
     * tables as grids — where saving writes the file, compiles the notice, and runs its scenarios; the problems show at
     * their lines and each scenario as passed or failed, expected beside actual. The file's text is also in a plain
     * text area, which is what the page shows if its script cannot run.
     */
    String editor(String notice, PolicyFiles.Source file, String editKey) {
        boolean table = file.name().endsWith(".csv");
        boolean readOnly = this.readOnly || !PolicyRegistry.isDraft(notice);
        String toolbar = "<p class=\"toolbar\">" + (readOnly ? "" : "<button type=\"submit\" id=\"save\">保存并运行场景</button> ")
                + (table ? "<button type=\"button\" id=\"as-text\">以文本编辑</button><button type=\"button\" "
                + "id=\"as-table\" hidden>以表格编辑</button> " : "") + "<span id=\"status\" role=\"status\"></span></p>"
                + "<div id=\"results\" aria-live=\"polite\"></div>";
        return head(file.name()) + "<h1><a href=\"" + href(notice) + "\">" + label(notice)
                + "</a> / " + HtmlReport.esc(file.name()) + "</h1>"
                + (this.readOnly ? "<p>本服务为只读（--read-only）：可以查看，不能保存。</p>"
                : readOnly ? "<p class=\"reject\" id=\"in-force\">这是现行（已发布）的规则，评分用的就是它，不能在此直接修改。要修改，"
                + "请回到<a href=\"" + href(notice) + "\">通知页</a>起草：在草稿中修改、运行场景，检查通过后再发布。</p>"
                : "<p>这是草稿：保存即写入草稿文件夹中的这个文件，随即编译草稿并运行它的全部场景；评分仍用现行的规则，"
                + "直到草稿发布。按 Ctrl+S 或点“保存并运行场景”；Ctrl+Z 撤销，Ctrl+F 查找。"
                + (table ? "决策表按表格编辑：每行一条规则，改参数只改那一格；＋ 在下面添加一行，－ 删除这一行。" : "") + "</p>")
                + "<form id=\"editor\" data-file=\"" + HtmlReport.esc(file.name()) + "\" data-base=\""
                + Saving.fingerprint(file.bytes()) + "\"" + (readOnly ? " data-read-only" : " data-edit-key=\"" + editKey + "\"")
                + ">" + toolbar + "<textarea id=\"text\" name=\"text\" aria-label=\"文件内容\" spellcheck=\"false\" "
                + "wrap=\"off\" rows=\"30\" style=\"width:100%;font:13px/1.5 monospace;white-space:pre\""
                + (readOnly ? " readonly" : "") + ">" + HtmlReport.esc(file.text()) + "</textarea><div id=\"code\" hidden>"
                + "</div><div id=\"grid\" hidden></div></form><script src=\"/web/editor.js\"></script><script src=\"/web/pages/editor-page.js\"></script>"
                + "</body></html>";
    }


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
        ScenarioRunner runner = new ScenarioRunner(registry, scorer());
        if (PolicyRegistry.isDraft(notice)) {
            runner = runner.withPolicy(p); // a draft's scenarios name the notice in force: the draft scores them
        }
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
        return scenarios(notice, null);
    }

    /** The same; for a draft, each failing scenario with a button that takes the draft's figures as its expectations. */
    String scenarios(String notice, String editKey) {
        com.fasterxml.jackson.databind.node.ObjectNode run = check(notice);
        StringBuilder h = new StringBuilder(head(PolicyRegistry.idOf(notice) + " 的场景"));
        h.append("<h1><a href=\"").append(href(notice)).append("\">").append(label(notice))
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
            h.append("<tr").append(passed ? "" : " class=\"diff\"").append("><td><a href=\"")
                    .append(href(notice)).append("/scenarios/").append(HtmlReport.esc(sc.get("file").asText()))
                    .append("\">").append(HtmlReport.esc(sc.get("file").asText())).append("</a></td><td>")
                    .append(HtmlReport.esc(sc.path("description").asText())).append("</td><td>")
                    .append(passed ? "通过" : sc.get("status").asText().equals("FAILED") ? "未通过" : "不能运行")
                    .append("</td><td>");
            for (var m : sc.get("mismatches")) {
                h.append(HtmlReport.esc(jixiao.scenario.Expectations.inWords(m.get("field").asText()) + "：" + m.get("expected").asText() + " / "
                        + m.get("actual").asText())).append("<br>");
            }
            h.append(HtmlReport.esc(sc.path("error").asText("")));
            if (!passed && editKey != null && PolicyRegistry.isDraft(notice) && !readOnly
                    && sc.get("status").asText().equals("FAILED")) {
                h.append(form(href(notice) + "/scenarios/" + HtmlReport.esc(sc.get("file").asText()) + "/accept", null,
                        editKey, "<button type=\"submit\" title=\"核对过这些差别正是草稿要改的之后\">接受草稿的结果为新的期望"
                        + "</button>"));
            }
            h.append("</td></tr>");
        }
        return h.append("</table></body></html>").toString();
    }

    /** One scenario: what it says and expects, then the full report of its result, firing trace included. */
    String scenario(String notice, Path file) {
        return scenario(notice, file, null);
    }

    String scenario(String notice, Path file, String editKey) {
        ScenarioRunner runner = new ScenarioRunner(registry, scorer());
        if (PolicyRegistry.isDraft(notice)) {
            try {
                runner = runner.withPolicy(registry.forNotice(notice));
            } catch (PolicyException e) {
                return inPage(file.getFileName().toString(), "<p class=\"reject\">" + HtmlReport.esc(e.describe()) + "</p>");
            }
        }
        ScenarioRunner.Outcome o = runner.run(file);
        StringBuilder h = new StringBuilder(head(file.getFileName().toString()));
        h.append("<h1><a href=\"").append(href(notice)).append("/scenarios\">")
                .append(label(notice)).append(" 的场景</a> / ").append(HtmlReport.esc(file.getFileName()
                        .toString())).append("</h1><p>").append(HtmlReport.esc(o.description())).append("</p><p id=\"status\">")
                .append(o.status() == ScenarioRunner.Status.PASSED ? "通过" : o.status() == ScenarioRunner.Status.FAILED
                        ? "未通过" : "不能运行：" + HtmlReport.esc(o.error())).append("</p>");
        if (o.status() == ScenarioRunner.Status.FAILED && editKey != null && PolicyRegistry.isDraft(notice) && !readOnly) {
            h.append(form(href(notice) + "/scenarios/" + HtmlReport.esc(file.getFileName().toString()) + "/accept",
                    "accept", editKey, "<button type=\"submit\">接受草稿的结果为新的期望</button> 核对过下列差别正是草稿要改的"
                    + "之后：总分、等级和各项得分改为草稿给出的；提示的差别须在场景文件中改"));
        }
        for (jixiao.scenario.Expectations.Mismatch m : o.mismatches()) {
            h.append("<p class=\"reject\">").append(HtmlReport.esc(jixiao.scenario.Expectations.inWords(m.field()) + "：期望 " + m.expected() + "，实际 "
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

    /** A page made by a report (its body) inside the workbench, with the menu. */
    /**
     * A folder of shared rules (common): what it is, its files, and the notices built on it, whose policy pages show
     * its rules in place (with their files and lines); null when the id is no shared folder.
     */
    String sharedPage(String id) {
        jixiao.engine.Notice shared = null;
        for (jixiao.engine.Notice n : registry.notices()) {
            if (n.id().equals(id) && n.isShared()) {
                shared = n;
            }
        }
        if (shared == null) {
            return null;
        }
        StringBuilder h = new StringBuilder("<h1>共用规则 ").append(HtmlReport.esc(id)).append("</h1>");
        h.append("<p>").append(HtmlReport.esc(shared.title())).append("</p><p>")
                .append(HtmlReport.esc(shared.description())).append("</p>");
        h.append("<p>共用规则不单独计分，也不单独编辑后即生效：建在其上的通知各自钉住它的版本，")
                .append("共用规则改了，要逐个通知复核并重新钉住。它的规则在下列通知的“政策”页上按阶段列出，注明文件和行号：</p><ul>");
        for (jixiao.engine.Notice n : registry.notices()) {
            if (n.base() != null && id.equals(n.base().notice())) {
                h.append("<li><a href=\"/notices/").append(HtmlReport.esc(n.id())).append("\">")
                        .append(HtmlReport.esc(n.id())).append("</a> ").append(HtmlReport.esc(n.title())).append("</li>");
            }
        }
        h.append("</ul><h2>文件</h2><ul>");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(registry.root().resolve(id))) {
            files.map(p -> p.getFileName().toString()).filter(jixiao.engine.PolicyLoader::isRuleFile).sorted()
                    .forEach(f -> h.append("<li class=\"file\">").append(HtmlReport.esc(f)).append("</li>"));
        } catch (java.io.IOException e) {
            h.append("<li>（无法列出文件：").append(HtmlReport.esc(e.getMessage())).append("）</li>");
        }
        h.append("</ul>");
        return inPage("共用规则 " + id, h.toString());
    }

    /** What the scoring API offers a budget system, in Chinese: the routes, the token, the description to validate by. */
    String apiPage() {
        String h = "<h1>评分接口</h1><p>预算管理系统可通过接口调用评分，与本工作台、命令行用同一套规则（按磁盘上当时的规则文件评分，"
                + "每个回复都注明规则指纹）。每个请求须带启动时打印的口令：<code>Authorization: Bearer 口令</code>。</p>"
                + "<table><tr><th>请求</th><th>作用</th></tr>"
                + "<tr><td><code>GET /api/v1/notices</code></td><td>可用的通知</td></tr>"
                + "<tr><td><code>GET /api/v1/notices/{id}</code></td><td>一份通知的规则：阶段、规则、文件与行号</td></tr>"
                + "<tr><td><code>POST /api/v1/score</code></td><td>评一份自评（JSON，或自评表 .xlsx/.docx/.csv）："
                + "得分、等级、每一分出自哪条规则；退回的只给退回理由，不给总分与等级</td></tr>"
                + "<tr><td><code>POST /api/v1/batch</code></td><td>成批评分（JSON Lines，一行一份），结果按行流式返回</td></tr>"
                + "<tr><td><code>POST /api/v1/compare</code></td><td>同一批自评在两份通知下的得分对比</td></tr></table>"
                + "<p>接口的完整描述（OpenAPI 3，可供对方系统校验）：<code>GET /api/v1/openapi.json</code>（同样须带口令）。"
                + "回复的状态：200 已评分，422 退回，400 读不了（指明位置），404 没有该通知，413 太大，500 规则有误，503 超时。</p>";
        return inPage("评分接口", h);
    }

    String inPage(String title, String report) {
        int from = report.indexOf("<body>");
        int to = report.lastIndexOf("</body>");
        // the report's own styles come along (the comparison's chart has some of its own)
        StringBuilder styles = new StringBuilder();
        int headEnd = Math.max(0, report.indexOf("</head>"));
        for (int at = report.indexOf("<style>"); at >= 0 && at < headEnd; at = report.indexOf("<style>", at + 1)) {
            int end = report.indexOf("</style>", at);
            if (end < 0) {
                break;
            }
            styles.append(report, at, end + "</style>".length());
        }
        String head = head(title);
        int close = head.indexOf("</head>");
        return head.substring(0, close) + styles + head.substring(close)
                + (from >= 0 && to > from ? report.substring(from + 6, to) : report) + "</body></html>";
    }

    /** The folder of scenario folders (one per notice), or null when the server has none. */
    Path scenariosFolder() {
        return scenarios;
    }

    /**
     * A scored upload: the report (as {@code score --format html}) inside the workbench, with a form that keeps the
     * submission and its result as a scenario of the notice (as {@code jixiao test --record} does).
     */
    String scored(ScoreResult r, com.fasterxml.jackson.databind.node.ObjectNode submission, String fileBase,
                  String editKey) {
        return scored(r, submission, fileBase, editKey, List.of(), null);
    }

    /** The same, saying the cells of an uploaded table that nothing read (by address), above the report. */
    String scored(ScoreResult r, com.fasterxml.jackson.databind.node.ObjectNode submission, String fileBase,
                  String editKey, List<String> notUsed, java.util.function.Function<String, String> cellOf) {
        StringBuilder h = new StringBuilder();
        if (!notUsed.isEmpty()) {
            h.append("<p class=\"warning\" role=\"status\" id=\"not-used\">表中有 ").append(notUsed.size())
                    .append(" 格没有读入评分（不在表内各栏之中）：")
                    .append(HtmlReport.esc(String.join("、", notUsed.subList(0, Math.min(10, notUsed.size())))))
                    .append(notUsed.size() > 10 ? "……" : "")
                    .append("。请核对它们是否应填在表内；命令行 <code>jixiao import --explain</code> 逐格说明。</p>");
        }
        if (!readOnly && scenarios != null) {
            String name = fileBase.replaceAll("[^\\p{L}\\p{N}_.-]+", "-").replaceAll("^[-_.]+", "");
            h.append("<form id=\"record\" class=\"record\" data-notice=\"" + HtmlReport.esc(r.policy().id())
                    + "\" data-edit-key=\"" + editKey + "\"><p><label>保存为 ").append(HtmlReport.esc(r.policy().id()))
                    .append(" 的场景，文件名 <input id=\"scenario-name\" required size=\"30\" value=\"")
                    .append(HtmlReport.esc(name.isEmpty() ? "recorded" : name)).append("\"></label><code>.scenario.json"
                    + "</code> <button type=\"submit\" id=\"record-save\">保存为场景</button> <span id=\"record-status\" "
                    + "role=\"status\"></span></p><p class=\"hint\">场景记下这份提交和当前规则给出的结果（与 <code>jixiao test "
                    + "--record</code> 相同）：逐项核对无误后保留，此后规则一改而结果变，场景即不通过。</p></form>"
                    + "<script type=\"application/json\" id=\"submission\">")
                    .append(submission.toString().replace("<", "\\u003c"))
                    .append("</script><script src=\"/web/pages/record.js\"></script>");
        }
        String page = inPage("评分结果 " + fileBase, HtmlReport.page(r, cellOf));
        int body = page.indexOf("</nav>") + "</nav>".length();
        return page.substring(0, body) + h + page.substring(body);
    }


    String compareForm(String problem) {
        return compareForm(problem, null, null);
    }

    /** The compare form, with the two notices chosen before (a and b) chosen again: a comparison keeps its choices. */
    String compareForm(String problem, String a, String b) {
        List<String> refs = new ArrayList<>();
        for (Notice n : registry.notices()) {
            if (!n.isShared()) {
                refs.add(n.id());
            }
        }
        for (String d : registry.draftIds()) { // a draft against the notice in force: what publishing it would change
            refs.add(PolicyRegistry.draftRef(d));
        }
        java.util.function.Function<String, String> options = chosen -> {
            StringBuilder o = new StringBuilder();
            for (String ref : refs) {
                o.append("<option value=\"").append(HtmlReport.esc(ref)).append("\"")
                        .append(ref.equals(chosen) ? " selected" : "").append(">").append(label(ref)).append("</option>");
            }
            return o.toString();
        };
        return head("比较") + "<h1>比较两个通知</h1>" + (problem == null ? "" : "<p class=\"reject\" role=\"alert\">"
                + HtmlReport.esc(problem) + "</p>") + "<p>同一批提交文件（JSON Lines，一行一份；或一份 JSON）分别按两个通知评分，"
                + "看总分、等级和各项指标怎样变化——在采用新通知之前。也可以是一份自评表（.xlsx、.docx、.csv）。</p>"
                + "<form method=\"post\" action=\"/compare\" "
                + "enctype=\"multipart/form-data\"><p><label>通知 A <select name=\"a\">" + options.apply(a) + "</select></label> "
                + "<label>通知 B <select name=\"b\">" + options.apply(b) + "</select></label></p><p><label>提交文件 <input "
                + "type=\"file\" name=\"file\" accept=\".jsonl,.json,.xlsx,.docx,.csv\" required></label> <button type=\"submit\">比较"
                + "</button></p></form></body></html>";
    }

    String scoreForm(String problem) {
        return head("评分") + "<h1>评分</h1>" + (problem == null ? "" : "<p class=\"reject\" role=\"alert\">"
                + HtmlReport.esc(problem) + "</p>") + "<p>选择一份绩效自评表（Excel .xlsx、Word .docx、CSV）或提交文件（.json），"
                + "按它所填的评分通知评分，得到与 <code>jixiao score --format html</code> 相同的报告。选择多个文件或一个 "
                + ".jsonl（JSON Lines，一行一份）即成批评分：显示进度、等级分布、各提示代码的次数和不能评分的提交及其原因。</p>"
                + "<form id=\"score\" method=\"post\" action=\"/score\" enctype=\"multipart/form-data\"><label>自评表 "
                + "<input type=\"file\" name=\"file\" id=\"file\" accept=\".xlsx,.docx,.csv,.json,.jsonl\" multiple required "
                + "autofocus></label> <label>结果 <select name=\"format\" id=\"format\"><option value=\"html\">在网页中显示"
                + "</option><option value=\"html-file\">下载 HTML</option><option value=\"xlsx\">下载 Excel</option><option value=\"json\">下载 JSON</option><option "
                + "value=\"csv\">下载 CSV</option></select></label> <button type=\"submit\">评分</button></form>"
                + "<section id=\"batch\" hidden><h2>成批评分</h2><p><progress id=\"progress\" value=\"0\" max=\"1\">"
                + "</progress> <span id=\"progress-text\" role=\"status\"></span> <a id=\"download-csv\" hidden "
                + "download=\"评分结果.csv\">下载各份结果（Excel 可打开，每份一行）</a> <a id=\"download-findings\" hidden "
                + "download=\"复核提示.csv\">下载复核提示（每条一行）</a> <a id=\"download\" hidden "
                + "download=\"评分结果.jsonl\">下载全部结果（JSON Lines）</a></p><div style=\"display:flex;gap:32px;"
                + "flex-wrap:wrap\"><div><h3>等级分布</h3><svg id=\"grades\" role=\"img\" aria-label=\"等级分布\" "
                + "width=\"420\" height=\"40\"></svg></div><div><h3>提示（按代码）</h3><table id=\"codes\"><tr><th>代码</th><th>名称</th>"
                + "<th>级别</th><th>次数</th></tr></table><p class=\"hint\">点一个代码，下表只列有此提示的提交。</p></div></div>"
                + "<h3>不能评分或退回的提交</h3><table id=\"failures\"><tr>"
                + "<th>提交</th><th>结果</th><th>原因</th><th>报告</th></tr></table><h3>各份提交</h3><p id=\"batch-filters\">"
                + "<label><input type=\"checkbox\" id=\"only-lost-points\"> 只看失分的提交</label> <span id=\"code-filter\">"
                + "</span> <button type=\"button\" id=\"show-all\" hidden>显示全部</button></p><table id=\"results\"><tr><th>提交</th>"
                + "<th>单位</th><th>总分</th><th>等级</th><th>自评总分</th><th>报告</th></tr></table></section>"
                + "<script src=\"/web/pages/batch.js\"></script></body></html>";
    }

}
