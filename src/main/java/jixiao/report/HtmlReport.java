package jixiao.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import jixiao.engine.ScoreResult;
import jixiao.model.CategoryScore;
import jixiao.model.CategoryWeight;
import jixiao.model.Finding;
import jixiao.model.Indicator;
import jixiao.model.IndicatorScore;
import jixiao.model.Num;
import jixiao.model.Submission;

/**
 * A self-contained HTML page per submission (no network, no scripts): total and grade, a bar chart of each
 * category's score against its weight, the indicator table with rules, and the findings; and, for a batch, an
 * index page with the grade distribution and links to every page.
 */
public final class HtmlReport {

    public static final String STYLE = "<style>body{font-family:'Noto Sans CJK SC','Source Han Sans SC',"
            + "'Microsoft YaHei',sans-serif;margin:2em;color:#222}h1{font-size:1.4em}table{border-collapse:collapse;"
            + "margin:1em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top}"
            + "th{background:#f3f3f3}td.n{text-align:right}.diff{background:#fff3cd}.reject{color:#a00}"
            + ".cell{color:#777;font-size:.8em}.error{color:#c50}.warning{color:#a60}.rule{color:#555;font-size:.85em}.big{font-size:1.6em;"
            + "font-weight:bold}#only-lost:checked~table tr.full{display:none}label[for=only-lost]{margin-left:.3em}"
            + "@media print{#only-lost,label[for=only-lost]{display:none}table{page-break-inside:auto}"
            + "tr{page-break-inside:avoid}}</style>";

    private HtmlReport() {
    }

    /** The cell of the department's table a subject (an indicator, a budget line …) was read from, as a small line. */
    private static String cell(java.util.function.Function<String, String> cellOf,
                               java.util.function.Function<String, jixiao.model.Subjects.Where> where, String subject) {
        if (cellOf == null || subject == null) {
            return "";
        }
        jixiao.model.Subjects.Where w = where.apply(subject);
        String at = w == null ? null : cellOf.apply(w.jsonPath() + ".name");
        return at == null ? "" : "<div class=\"cell\">表中：" + esc(at.replaceFirst("（.*$", "")) + "</div>";
    }

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static String page(ScoreResult r) {
        return page(r, null);
    }

    /**
     * The report of a submission read from a table, each indicator and finding naming the cell it came from
     * ({@code cellOf}: a JSON path → the cell, e.g. 自评表!C12), so that a reviewer finds it in the department's table.
     */
    public static String page(ScoreResult r, java.util.function.Function<String, String> cellOf) {
        Submission s = r.submission();
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
        String title = (s.department() == null ? s.id() : s.department()) + (s.year() == null ? "" : " " + s.year()
                + " 年度") + (s.kind() == null ? "" : " " + s.kind());
        h.append("<title>").append(esc(title)).append("</title>").append(STYLE).append("</head><body>");
        h.append("<h1>").append(esc(title)).append("</h1>");
        if (r.policy().isDraft()) {
            h.append("<p class=\"reject big\" id=\"draft-rules\">按草稿的规则评分（").append(esc(r.policy().id()))
                    .append(" 的草稿，未发布）：不是按现行规则评出的结果。</p>");
        }
        if (s.project() != null) {
            h.append("<p>项目：").append(esc(s.project())).append(s.supervisor() == null ? ""
                    : "（主管部门：" + esc(s.supervisor()) + "）").append("</p>");
        }
        if (s.overallGoal() != null) {
            h.append("<p>年度总体目标：").append(esc(s.overallGoal())).append("</p>");
        }
        if (s.overallGoalCompletion() != null) {
            h.append("<p>完成情况：").append(esc(s.overallGoalCompletion())).append("</p>");
        }
        h.append("<p>评分政策：").append(esc(r.policy().id())).append(" ")
                .append(esc(r.policy().notice().title())).append("（规则指纹 ").append(esc(r.policy().fingerprint()))
                .append("）</p>");
        if (!r.isScored()) {
            // 退回: no score of any kind is valid; the reasons come first, the recomputed figures only for review
            h.append("<div id=\"sent-back\" role=\"alert\"><p class=\"reject big\">退回：按本通知的规则不能如实评分，"
                    + "不给出总分和等级</p><ul>");
            for (Finding f : r.rejections()) {
                h.append("<li class=\"reject\">").append(f.getSubject() == null ? "" : esc(f.getSubject()) + "：")
                        .append(esc(f.getMessage())).append(" <span class=\"rule\">〔").append(esc(f.getRule()))
                        .append("〕").append(esc(f.getCode())).append("</span></li>");
            }
            h.append("</ul><p class=\"rule\">以下重算数字仅供核对退回原因，不是有效得分。</p></div>");
        } else {
            h.append("<p><span id=\"total\" class=\"big\">总分 ")
                    .append(r.total() == null ? "—" : Num.fmt(r.total().getScore())).append("</span>")
                    .append(s.claimedTotal() == null ? "" : "（自评 " + Num.fmt(s.claimedTotal()) + "）")
                    .append("　<span id=\"grade\" class=\"big\">等级 ").append(r.grade() == null ? "—"
                            : esc(r.grade().getName())).append("</span>")
                    .append(s.claimedGrade() == null ? "" : "（自评 " + esc(s.claimedGrade()) + "）").append("</p>");
            if (r.grade() != null) {
                h.append("<p class=\"rule\">〔").append(esc(r.grade().getRule())).append("〕")
                        .append(esc(r.grade().getExplanation())).append("</p>");
            }
        }

        h.append("<h2>一级指标</h2>").append(chart(r));
        h.append("<table><tr><th>一级指标</th><th>分值</th><th>得分</th><th>分值来源</th></tr>");
        for (CategoryWeight w : r.weights()) {
            CategoryScore c = r.category(w.getCategory());
            String steps = Text.weightSteps(w);
            h.append("<tr><td>").append(esc(w.getCategory())).append("</td><td class=\"n\">")
                    .append(w.isApplicable() ? Num.fmt(w.getWeight()) : "不适用").append("</td><td class=\"n\">")
                    .append(c == null ? "—" : Num.fmt(c.getScore())).append("</td><td>").append(esc(steps))
                    .append("</td></tr>");
        }
        h.append("</table>");

        // 只看失分项: a box that hides the rows given their full points (CSS alone: the page runs no script)
        h.append("<h2>三级指标</h2><div class=\"indicators\"><input type=\"checkbox\" id=\"only-lost\">"
                + "<label for=\"only-lost\">只看失分项</label><table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th>"
                + "<th>实际完成值</th><th>分值</th><th>" + (r.isScored() ? "重算得分" : "重算得分（已退回，无效）") + "</th><th>自评得分</th><th>计分规则与说明</th></tr>");
        java.util.function.Function<String, jixiao.model.Subjects.Where> where = cellOf == null ? null
                : jixiao.model.Subjects.index(s);
        for (IndicatorScore is : r.indicators()) {
            Indicator i = is.getIndicator();
            boolean differs = i.claimed() != null && !Num.same(i.claimed(), is.getScore());
            boolean full = i.points() != null && is.getScore() != null && is.getScore().compareTo(i.points()) >= 0;
            h.append("<tr class=\"").append(full ? "full" : "lost").append(differs ? " diff" : "").append("\"><td>").append(esc(i.category()))
                    .append("</td><td>").append(esc(i.group())).append("</td><td>").append(esc(i.name()))
                    .append(cell(cellOf, where, i.path()))
                    .append("</td><td>").append(esc(i.target() == null ? null : i.target().text())).append("</td><td>")
                    .append(esc(i.actual() == null ? null : i.actual().text())).append("</td><td class=\"n\">")
                    .append(Num.fmt(i.points())).append("</td><td class=\"n\">").append(Num.fmt(is.getScore()))
                    .append("</td><td class=\"n\">").append(Num.fmt(i.claimed())).append("</td><td><span class=\"rule\">〔")
                    .append(esc(is.getRule())).append("〕</span>").append(esc(is.getExplanation()));
            if (!i.fields().isEmpty()) {
                h.append("<div class=\"fields\">本通知所加栏目：").append(esc(Text.declaredFields(i))).append("</div>");
            }
            if (is.getReplaced() != null) {
                h.append("<div class=\"replaced\">替代了 ").append(esc(Text.replaced(is))).append("</div>");
            }
            h.append("</td></tr>");
        }
        h.append("</table></div>");

        h.append("<h2>复核提示（").append(r.findings().size()).append("）</h2>");
        if (!r.findings().isEmpty()) {
            h.append("<table><tr><th>级别</th><th>提示</th><th>对象</th><th>说明</th><th>规则</th></tr>");
            for (Finding f : r.findings()) {
                h.append("<tr class=\"").append(esc(f.getSeverity())).append("\"><td>").append(esc(f.severity().word()))
                        .append("</td><td>").append(r.policy().codeName(f.getCode()) == null ? "" : esc(r.policy()
                                .codeName(f.getCode())) + "<br>").append("<span class=\"rule\">").append(esc(f.getCode()))
                        .append("</span></td><td>").append(esc(f.getSubject())).append(cell(cellOf, where, f.getSubject()))
                        .append("</td><td>").append(esc(f.getMessage())).append("</td><td class=\"rule\">")
                        .append(esc(f.getRule())).append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>\n").toString();
    }

    /** Horizontal bars: each applicable category's score, drawn over its weight. Inline SVG, no script. */
    static String chart(ScoreResult r) {
        List<CategoryWeight> ws = r.weights().stream().filter(CategoryWeight::isApplicable).toList();
        BigDecimal max = BigDecimal.ONE;
        for (CategoryWeight w : ws) {
            max = Num.max(max, w.getWeight());
        }
        int rowH = 28;
        int width = 420;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (width + 200)
                + "\" height=\"" + (ws.size() * rowH + 10) + "\" role=\"img\" aria-label=\"一级指标得分与分值\">");
        int y = 5;
        for (CategoryWeight w : ws) {
            CategoryScore c = r.category(w.getCategory());
            double full = w.getWeight().doubleValue() / max.doubleValue() * width;
            double got = c == null ? 0 : c.getScore().doubleValue() / max.doubleValue() * width;
            svg.append("<text x=\"0\" y=\"").append(y + 17).append("\" font-size=\"13\">").append(esc(w.getCategory()))
                    .append("</text>");
            svg.append("<rect x=\"110\" y=\"").append(y).append("\" width=\"").append(String.format("%.1f", full))
                    .append("\" height=\"20\" fill=\"#e6e6e6\"/>");
            svg.append("<rect x=\"110\" y=\"").append(y).append("\" width=\"")
                    .append(String.format("%.1f", Math.max(0, got))).append("\" height=\"20\" fill=\"#3b7dd8\"/>");
            svg.append("<text x=\"").append(String.format("%.0f", 115 + full)).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"12\">").append(c == null ? "—" : Num.fmt(c.getScore())).append(" / ")
                    .append(Num.fmt(w.getWeight())).append("</text>");
            y += rowH;
        }
        return svg.append("</svg>").toString();
    }

    /** One line of the batch index. */
    public record Entry(String id, String department, String page, BigDecimal total, String grade, int findings) {

        /** This entry's row of the index's table. */
        public String row() {
            return "<tr><td><a href=\"" + esc(page) + "\">" + esc(id) + "</a></td><td>" + esc(department)
                    + "</td><td class=\"n\">" + (total == null ? "—" : Num.fmt(total)) + "</td><td>" + esc(grade)
                    + "</td><td class=\"n\">" + findings + "</td></tr>";
        }
    }

    /**
     * The index, written as a stream: the grade distribution of {@code count} entries, then their rows (as
     * {@link Entry#row()} gave them, in order, read from {@code rows}), then the submissions that could not be scored.
     */
    public static void index(java.io.Writer out, int count, GradeCounts counts, java.io.Reader rows,
            List<String> failures) throws java.io.IOException {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<title>评分汇总</title>" + STYLE + "</head><body><h1>评分汇总</h1>");
        Map<String, Integer> grades = counts.inPolicyOrder();
        h.append("<p id=\"count\">").append(count).append(" 份已评分").append(failures.isEmpty() ? ""
                : "，" + failures.size() + " 份未能评分").append("</p>");
        h.append("<h2>等级分布</h2><table><tr><th>等级</th><th>份数</th><th></th></tr>");
        int most = grades.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        grades.forEach((g, n) -> h.append("<tr><td>").append(esc(g)).append("</td><td class=\"n\">").append(n)
                .append("</td><td><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"16\"><rect width=\"")
                .append(300L * n / most).append("\" height=\"16\" fill=\"#3b7dd8\"/></svg></td></tr>"));
        h.append("</table><h2>各份提交</h2><table><tr><th>编号</th><th>单位</th><th>总分</th><th>等级</th><th>提示</th></tr>");
        out.write(h.toString());
        rows.transferTo(out);
        h.setLength(0);
        h.append("</table>");
        if (!failures.isEmpty()) {
            h.append("<h2>未能评分</h2><ul>");
            failures.forEach(f -> h.append("<li>").append(esc(f)).append("</li>"));
            h.append("</ul>");
        }
        out.write(h.append("</body></html>\n").toString());
    }
}
