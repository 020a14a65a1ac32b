package jixiao.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jixiao.engine.DecisionTables;
import jixiao.engine.Notice;
import jixiao.engine.Policy;
import jixiao.engine.PolicyFiles;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.model.CategoryScore;
import jixiao.model.CategoryWeight;
import jixiao.model.Finding;
import jixiao.model.IndicatorScore;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A notice's policy as the 评分细则 a finance bureau publishes with its notice, generated from the rules themselves: the
 * notice's parameter tables (first-level weights, tiers, grade bands, what is sent back) as tables with their 依据
 * column, then each scoring rule in the order its phases run — its name (a sentence), the clause its comment cites,
 * and an example of what it gave on one of the notice's scenarios — shared rules ({@code common/}) included where
 * they apply. Written as HTML (to read and print), Markdown, or Word (.docx).
 */
public final class PolicyDocument {

    /** A parameter table and the file it is written in. */
    public record ParameterTable(String file, DecisionTables.Table table) {
    }

    /** A scoring rule: its sentence, where it is written, the clause its comment cites, and an example, if any. */
    public record Rule(String name, String file, List<String> clause, String example) {
    }

    /** The rules of one phase, in the order they are written. */
    public record Phase(String name, List<Rule> rules) {
    }

    private final Notice notice;
    private final String fingerprint;
    private final List<String> layers;
    private final List<ParameterTable> tables;
    private final List<Phase> phases;
    private final int scenarios;
    private final Map<String, Notice.CodeName> codes;

    private PolicyDocument(Notice notice, String fingerprint, List<String> layers, List<ParameterTable> tables,
                           List<Phase> phases, int scenarios, Map<String, Notice.CodeName> codes) {
        this.codes = codes;
        this.notice = notice;
        this.fingerprint = fingerprint;
        this.layers = layers;
        this.tables = tables;
        this.phases = phases;
        this.scenarios = scenarios;
    }

    public List<ParameterTable> tables() {
        return tables;
    }

    public List<Phase> phases() {
        return phases;
    }

    /**
     * The document of a policy; the examples come from its scenarios (a folder, or null for none), each rule's from
     * the first scenario whose result it made.
     */
    public static PolicyDocument of(PolicyRegistry registry, Policy p, Path scenarioDir, Duration timeout)
            throws IOException {
        List<ParameterTable> tables = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (PolicyFiles.Source s : p.sources()) {
            texts.put(s.label(), s.text());
            if (s.name().endsWith(".drl.csv")) {
                for (DecisionTables.Table t : DecisionTables.tables(s.text())) {
                    tables.add(new ParameterTable(s.label(), t));
                }
            }
        }
        Map<String, String> examples = new LinkedHashMap<>();
        int run = 0;
        if (scenarioDir != null && Files.isDirectory(scenarioDir)) {
            ScenarioRunner runner = new ScenarioRunner(registry, new Scorer().withTimeout(timeout)).withPolicy(p);
            for (Path f : ScenarioReader.find(List.of(scenarioDir))) {
                ScenarioRunner.Outcome o = runner.run(f);
                if (o.result() != null) {
                    run++;
                    collect(o.result(), examples);
                }
            }
        }
        List<Phase> phases = new ArrayList<>();
        for (String phase : p.phases()) {
            List<Rule> rules = new ArrayList<>();
            for (Policy.RuleInfo r : p.rules()) {
                if (phase.equals(r.phase()) && !r.file().endsWith(".drl.csv")) {
                    rules.add(new Rule(r.name(), r.file(), clause(texts.get(r.file()), r.name()),
                            examples.get(r.name())));
                }
            }
            if (!rules.isEmpty()) {
                phases.add(new Phase(phase, rules));
            }
        }
        List<String> layers = new ArrayList<>();
        p.layers().forEach(l -> layers.add(l.getFileName().toString()));
        return new PolicyDocument(p.notice(), p.fingerprint(), layers, tables, phases, run,
                p.codes() == null ? Map.of() : p.codes());
    }

    /** The first thing each rule made across the results: an indicator's, category's, total's or grade's explanation. */
    private static void collect(ScoreResult r, Map<String, String> examples) {
        for (CategoryWeight w : r.weights()) {
            for (CategoryWeight.Step step : w.getSteps()) {
                if (step.getRule() != null) {
                    examples.putIfAbsent(step.getRule(), w.getCategory() + "：" + step.getWhy() + "，分值为 "
                            + plain(step.getWeightAfter()));
                }
            }
        }
        for (IndicatorScore s : r.indicators()) {
            examples.putIfAbsent(s.getRule(), s.getIndicator().name() + "：" + s.getExplanation());
        }
        for (CategoryScore c : r.categories()) {
            examples.putIfAbsent(c.getRule(), c.getCategory() + "：" + c.getExplanation());
        }
        if (r.total() != null) {
            examples.putIfAbsent(r.total().getRule(), r.total().getExplanation());
        }
        if (r.grade() != null) {
            examples.putIfAbsent(r.grade().getRule(), r.grade().getExplanation());
        }
        for (Finding f : r.findings()) {
            examples.putIfAbsent(f.getRule(), f.getMessage());
        }
    }

    private static String plain(BigDecimal n) {
        return n == null ? "" : n.stripTrailingZeros().toPlainString();
    }

    /** The comment written right above a rule: the clause of the notice it cites. */
    private static List<String> clause(String text, String rule) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith("rule \"" + rule + "\"")) {
                for (int k = i - 1; k >= 0 && lines[k].strip().startsWith("//"); k--) {
                    out.add(0, lines[k].strip().replaceFirst("^//\\s?", ""));
                }
                break;
            }
        }
        return out;
    }

    private String title() {
        return (notice.title() == null ? notice.id() : notice.title()) + " 评分细则";
    }

    private List<String> about() {
        List<String> out = new ArrayList<>();
        if (notice.issuer() != null) {
            out.add("发布机关：" + notice.issuer());
        }
        if (notice.year() != null) {
            out.add("适用于 " + notice.year() + " 年度（及以后，至新通知发布）的" + (notice.kind() == null ? "绩效自评"
                    : notice.kind()));
        }
        if (notice.source() != null) {
            out.add("依据：" + notice.source());
        }
        if (notice.description() != null) {
            out.add("要点：" + notice.description());
        }
        out.add("本细则由通知编号 " + notice.id() + " 的评分规则生成（规则由 " + String.join(" ← ", layers)
                + " 组成；规则指纹 " + fingerprint + "）：表中的参数和下列规则就是评分时所用的，改动规则后重新生成即可。"
                + (scenarios > 0 ? "各条规则的“例”取自本通知的 " + scenarios + " 个检验场景。" : ""));
        return out;
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A whole HTML page, laid out to be read on screen and printed (no menu, tables kept whole). */
    public String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title())).append("</title><style>body{font-family:\"Noto Serif CJK SC\",\"Songti SC\",serif;"
                        + "max-width:960px;margin:24px auto;padding:0 16px;line-height:1.7;color:#111}h1{text-align:center;"
                        + "font-size:1.6em}h2{border-bottom:1px solid #999;margin-top:2em}table{border-collapse:collapse;"
                        + "margin:.5em 0 1.2em;width:100%}th,td{border:1px solid #888;padding:3px 6px;font-size:.92em;"
                        + "text-align:left;vertical-align:top}th{background:#eee}p.clause{color:#333;margin:.2em 0 .2em 1em}"
                        + "p.example{color:#064;margin:.2em 0 .6em 1em}p.about{margin:.2em 0}.file{color:#777;"
                        + "font-size:.85em}@media print{body{margin:0;max-width:none}h2{break-after:avoid}"
                        + "table,li{break-inside:avoid}}</style></head><body><h1>").append(esc(title())).append("</h1>");
        for (String a : about()) {
            h.append("<p class=\"about\">").append(esc(a)).append("</p>");
        }
        h.append("<h2>一、参数</h2>");
        int n = 0;
        for (ParameterTable t : tables) {
            h.append("<h3 id=\"table-").append(++n).append("\">").append(n).append(". ").append(esc(t.table().name()))
                    .append(" <span class=\"file\">（").append(esc(t.file())).append("）</span></h3><table><tr>");
            t.table().header().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
            h.append("</tr>");
            for (DecisionTables.Row r : t.table().rows()) {
                h.append("<tr>");
                for (int c = 0; c < t.table().header().size(); c++) {
                    h.append("<td>").append(esc(r.cell(c))).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>");
        }
        h.append("<h2>二、计分规则（按评分的先后）</h2>");
        for (Phase ph : phases) {
            h.append("<h3>").append(esc(ph.name())).append("</h3><ol>");
            for (Rule r : ph.rules()) {
                h.append("<li><strong>").append(esc(r.name())).append("</strong> <span class=\"file\">（")
                        .append(esc(r.file())).append("）</span>");
                for (String c : r.clause()) {
                    h.append("<p class=\"clause\">").append(esc(c)).append("</p>");
                }
                if (r.example() != null) {
                    h.append("<p class=\"example\">例：").append(esc(r.example())).append("</p>");
                }
                h.append("</li>");
            }
            h.append("</ol>");
        }
        if (!codes.isEmpty()) {
            h.append("<h2>三、提示代码</h2><table id=\"codes\"><tr><th>代码</th><th>名称</th><th>含义</th></tr>");
            codes.forEach((c, cn) -> h.append("<tr><td>").append(esc(c)).append("</td><td>").append(esc(cn.name()))
                    .append("</td><td>").append(esc(cn.meaning())).append("</td></tr>"));
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    private static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    public String markdown() {
        StringBuilder m = new StringBuilder("# ").append(title()).append("\n\n");
        for (String a : about()) {
            m.append(a).append("\n\n");
        }
        m.append("## 一、参数\n\n");
        int n = 0;
        for (ParameterTable t : tables) {
            m.append("### ").append(++n).append(". ").append(t.table().name()).append("（").append(t.file()).append("）\n\n|");
            t.table().header().forEach(c -> m.append(' ').append(md(c)).append(" |"));
            m.append("\n|");
            t.table().header().forEach(c -> m.append("---|"));
            m.append('\n');
            for (DecisionTables.Row r : t.table().rows()) {
                m.append('|');
                for (int c = 0; c < t.table().header().size(); c++) {
                    m.append(' ').append(md(r.cell(c))).append(" |");
                }
                m.append('\n');
            }
            m.append('\n');
        }
        m.append("## 二、计分规则（按评分的先后）\n\n");
        for (Phase ph : phases) {
            m.append("### ").append(ph.name()).append("\n\n");
            int k = 0;
            for (Rule r : ph.rules()) {
                m.append(++k).append(". **").append(r.name()).append("**（").append(r.file()).append("）\n");
                for (String c : r.clause()) {
                    m.append("   ").append(c).append('\n');
                }
                if (r.example() != null) {
                    m.append("   例：").append(r.example()).append('\n');
                }
                m.append('\n');
            }
        }
        if (!codes.isEmpty()) {
            m.append("## 三、提示代码\n\n| 代码 | 名称 | 含义 |\n|---|---|---|\n");
            codes.forEach((c, cn) -> m.append("| ").append(c).append(" | ").append(md(cn.name())).append(" | ")
                    .append(md(cn.meaning())).append(" |\n"));
        }
        return m.toString();
    }

    /** A Word document (.docx): headings, the tables as tables, the rules as numbered paragraphs. */
    public byte[] docx() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph t = doc.createParagraph();
            t.setAlignment(ParagraphAlignment.CENTER);
            run(t, title(), true, 18);
            for (String a : about()) {
                run(doc.createParagraph(), a, false, 11);
            }
            run(doc.createParagraph(), "一、参数", true, 14);
            int n = 0;
            for (ParameterTable pt : tables) {
                run(doc.createParagraph(), (++n) + ". " + pt.table().name() + "（" + pt.file() + "）", true, 12);
                List<String> header = pt.table().header();
                XWPFTable table = doc.createTable(pt.table().rows().size() + 1, header.size());
                fill(table.getRow(0), header, true);
                for (int r = 0; r < pt.table().rows().size(); r++) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < header.size(); c++) {
                        cells.add(pt.table().rows().get(r).cell(c));
                    }
                    fill(table.getRow(r + 1), cells, false);
                }
                doc.createParagraph();
            }
            run(doc.createParagraph(), "二、计分规则（按评分的先后）", true, 14);
            for (Phase ph : phases) {
                run(doc.createParagraph(), ph.name(), true, 12);
                int k = 0;
                for (Rule r : ph.rules()) {
                    XWPFParagraph p = doc.createParagraph();
                    run(p, (++k) + ". " + r.name(), true, 11);
                    run(p, "（" + r.file() + "）", false, 9);
                    for (String c : r.clause()) {
                        XWPFParagraph cp = doc.createParagraph();
                        cp.setIndentationLeft(420);
                        run(cp, c, false, 10);
                    }
                    if (r.example() != null) {
                        XWPFParagraph ep = doc.createParagraph();
                        ep.setIndentationLeft(420);
                        run(ep, "例：" + r.example(), false, 10);
                    }
                }
            }
            if (!codes.isEmpty()) {
                run(doc.createParagraph(), "三、提示代码", true, 14);
                XWPFTable table = doc.createTable(codes.size() + 1, 3);
                fill(table.getRow(0), List.of("代码", "名称", "含义"), true);
                int r = 1;
                for (Map.Entry<String, Notice.CodeName> c : codes.entrySet()) {
                    fill(table.getRow(r++), List.of(c.getKey(), c.getValue().name(),
                            c.getValue().meaning() == null ? "" : c.getValue().meaning()), false);
                }
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static void run(XWPFParagraph p, String text, boolean bold, int size) {
        XWPFRun r = p.createRun();
        r.setText(text);
        r.setBold(bold);
        r.setFontSize(size);
        r.setFontFamily("宋体");
    }

    private static void fill(XWPFTableRow row, List<String> cells, boolean bold) {
        for (int c = 0; c < cells.size(); c++) {
            XWPFParagraph p = row.getCell(c).getParagraphs().get(0);
            run(p, cells.get(c), bold, 10);
        }
    }
}
