package jixiao.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jixiao.engine.Policy;
import jixiao.model.Num;

/**
 * The same submissions scored under two policies (A and B): per submission the total and grade under each and
 * the difference, then how many changed grade, from what to what, and the largest movers.
 */
public final class Comparison {

    /**
     * One side's result for a submission: a total and grade, the score of each category and indicator (by name and
     * path), or why there is none; {@code rejected} when the rules sent it back (退回).
     */
    public record Side(BigDecimal total, String grade, String failure, boolean rejected,
                       Map<String, BigDecimal> scores) {
        public Side(BigDecimal total, String grade, String failure) {
            this(total, grade, failure, false, Map.of());
        }

        static Side failed(String why) {
            return new Side(null, null, why);
        }

        /**
         * What one of the two policies made of a submission: its total, grade and the score of every category and row
         * when it was scored; 退回 with its codes; or why there is no score (the rules failed, left a gap, timed out).
         */
        public static Side of(jixiao.service.Outcome o) {
            if (o instanceof jixiao.service.Outcome.Scored scored) {
                jixiao.engine.ScoreResult r = scored.result();
                Map<String, BigDecimal> scores = new LinkedHashMap<>();
                r.categories().forEach(c -> scores.put(c.getCategory(), c.getScore()));
                r.indicators().forEach(i -> scores.put(i.getIndicator().path(), i.getScore()));
                return new Side(r.total() == null ? null : r.total().getScore(),
                        r.grade() == null ? null : r.grade().getName(), null, false, scores);
            }
            if (o instanceof jixiao.service.Outcome.SentBack back) {
                return new Side(null, null, "退回（" + back.result().rejectionCodes("、") + "）", true, Map.of());
            }
            return failed(o.report());
        }
    }

    /** A category or indicator whose score moved between A and B. */
    public record Move(String what, BigDecimal a, BigDecimal b) {
        public BigDecimal difference() {
            return (b == null ? BigDecimal.ZERO : b).subtract(a == null ? BigDecimal.ZERO : a);
        }
    }

    /** One submission under both policies. */
    public record Row(String id, String file, Side a, Side b) {
        public BigDecimal difference() {
            return a.total() == null || b.total() == null ? null : b.total().subtract(a.total());
        }

        public boolean gradeChanged() {
            return a.grade() != null && b.grade() != null && !a.grade().equals(b.grade());
        }

        /** The categories and indicators whose score moved, largest first. */
        public List<Move> moves() {
            java.util.Set<String> keys = new java.util.TreeSet<>(a.scores().keySet());
            keys.addAll(b.scores().keySet());
            List<Move> out = new ArrayList<>();
            for (String k : keys) {
                BigDecimal x = a.scores().get(k);
                BigDecimal y = b.scores().get(k);
                if (x == null || y == null || x.compareTo(y) != 0) {
                    out.add(new Move(k, x, y));
                }
            }
            out.sort(Comparator.comparing((Move m) -> m.difference().abs()).reversed().thenComparing(Move::what));
            return out;
        }
    }

    private final Policy a;
    private final Policy b;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();

    public Comparison(Policy a, Policy b) {
        this.a = a;
        this.b = b;
    }

    public void add(Row row) {
        rows.add(row);
    }

    public void unreadable(String message) {
        unreadable.add(message);
    }

    public List<Row> rows() {
        return rows;
    }

    /** "优→良" → how many submissions moved so. */
    public Map<String, Integer> transitions() {
        Map<String, Integer> t = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.gradeChanged()) {
                t.merge(r.a().grade() + "→" + r.b().grade(), 1, Integer::sum);
            }
        }
        return t;
    }

    /** Across all submissions: each category and indicator that moved, with the sum of its moves, largest first. */
    public List<Move> movesOverall() {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        for (Row r : rows) {
            for (Move m : r.moves()) {
                BigDecimal[] s = sums.computeIfAbsent(m.what(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                s[0] = s[0].add(m.a() == null ? BigDecimal.ZERO : m.a());
                s[1] = s[1].add(m.b() == null ? BigDecimal.ZERO : m.b());
            }
        }
        List<Move> out = new ArrayList<>();
        sums.forEach((k, v) -> out.add(new Move(k, v[0], v[1])));
        out.sort(Comparator.comparing((Move m) -> m.difference().abs()).reversed().thenComparing(Move::what));
        return out;
    }

    /** How many submissions each side sent back (退回). */
    public long rejectedA() {
        return rows.stream().filter(r -> r.a().rejected()).count();
    }

    public long rejectedB() {
        return rows.stream().filter(r -> r.b().rejected()).count();
    }

    /** The submissions whose total moved most, largest first (at most n, only those that moved). */
    public List<Row> largestMovers(int n) {
        return rows.stream().filter(r -> r.difference() != null && r.difference().signum() != 0)
                .sorted(Comparator.comparing((Row r) -> r.difference().abs()).reversed().thenComparing(Row::id))
                .limit(n).toList();
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append("A = ").append(a.folder()).append("（").append(a.id()).append("，规则指纹 ").append(a.fingerprint())
                .append("）").append(nl);
        sb.append("B = ").append(b.folder()).append("（").append(b.id()).append("，规则指纹 ").append(b.fingerprint())
                .append("）").append(nl).append(nl);
        int idWidth = 24;
        for (Row r : rows) {
            idWidth = Math.max(idWidth, Text.width(r.id()) + 2);
        }
        sb.append(Text.padRight("提交", idWidth)).append(Text.padLeft("A 总分", 9)).append(Text.padLeft("等级", 6))
                .append(Text.padLeft("B 总分", 9)).append(Text.padLeft("等级", 6)).append(Text.padLeft("相差", 9))
                .append(nl);
        for (Row r : rows) {
            sb.append(Text.padRight(r.id(), idWidth)).append(side(r.a())).append(side(r.b()))
                    .append(Text.padLeft(r.difference() == null ? "—" : signed(r.difference()), 9));
            if (r.gradeChanged()) {
                sb.append("   ").append(r.a().grade()).append("→").append(r.b().grade());
            }
            if (r.a().failure() != null) {
                sb.append("   A：").append(r.a().failure());
            }
            if (r.b().failure() != null) {
                sb.append("   B：").append(r.b().failure());
            }
            sb.append(nl);
            for (Move m : r.moves().stream().limit(5).toList()) {
                sb.append("    ").append(m.what()).append("  ").append(Num.fmt(m.a())).append(" → ")
                        .append(Num.fmt(m.b())).append("（").append(signed(m.difference())).append("）").append(nl);
            }
        }
        sb.append(nl).append("汇总：").append(rows.size()).append(" 份提交，")
                .append(rows.stream().filter(Row::gradeChanged).count()).append(" 份等级改变");
        Map<String, Integer> t = transitions();
        if (!t.isEmpty()) {
            List<String> parts = new ArrayList<>();
            t.forEach((k, v) -> parts.add(k + " " + v + " 份"));
            sb.append("（").append(String.join("，", parts)).append("）");
        }
        long changedTotal = rows.stream().filter(r -> r.difference() != null && r.difference().signum() != 0).count();
        sb.append("，").append(changedTotal).append(" 份总分改变；A 退回 ").append(rejectedA()).append(" 份，B 退回 ")
                .append(rejectedB()).append(" 份。").append(nl);
        List<Move> overall = movesOverall();
        if (!overall.isEmpty()) {
            sb.append("变化最大的一级指标和三级指标（各份合计）：");
            List<String> parts = new ArrayList<>();
            overall.stream().limit(5).forEach(m -> parts.add(m.what() + " " + signed(m.difference())));
            sb.append(String.join("，", parts)).append(nl);
        }
        List<Row> movers = largestMovers(5);
        if (!movers.isEmpty()) {
            sb.append("总分变化最大：");
            List<String> parts = new ArrayList<>();
            movers.forEach(m -> parts.add(m.id() + " " + signed(m.difference())));
            sb.append(String.join("，", parts)).append(nl);
        }
        for (String u : unreadable) {
            sb.append("未能读取：").append(u).append(nl);
        }
        return sb.toString();
    }

    /** The most submissions the movement chart draws (the largest movers); the tables list them all. */
    static final int CHART_ROWS = 200;

    /**
     * A self-contained page: the movement of each submission's total from A to B drawn on the 0-100 scale (an arrow
     * per submission, largest movers first), how grades moved (A's grade × B's grade), the categories and indicators
     * that moved most, and each submission with what moved in it.
     */
    public String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
        h.append("<title>两种评分政策的比较</title>").append(HtmlReport.STYLE)
                .append("<style>svg text{font-size:12px}.up{stroke:#2a7}.down{stroke:#c33}.same{stroke:#999}"
                        + ".bar{fill:#5b8def}.neg{fill:#d9534f}</style></head><body>");
        h.append("<h1>两种评分政策的比较</h1><ul>");
        h.append("<li>A：").append(HtmlReport.esc(a.id())).append("（").append(HtmlReport.esc(a.notice().title()))
                .append("，规则指纹 ").append(HtmlReport.esc(a.fingerprint())).append("）</li>");
        h.append("<li>B：").append(HtmlReport.esc(b.id())).append("（").append(HtmlReport.esc(b.notice().title()))
                .append("，规则指纹 ").append(HtmlReport.esc(b.fingerprint())).append("）</li></ul>");
        long gradeChanged = rows.stream().filter(Row::gradeChanged).count();
        long totalChanged = rows.stream().filter(r -> r.difference() != null && r.difference().signum() != 0).count();
        h.append("<p id=\"summary\">").append(rows.size()).append(" 份提交，").append(gradeChanged).append(" 份等级改变，")
                .append(totalChanged).append(" 份总分改变；A 退回 ").append(rejectedA()).append(" 份，B 退回 ")
                .append(rejectedB()).append(" 份。</p>");
        chart(h);
        transitionTable(h);
        List<Move> overall = movesOverall();
        if (!overall.isEmpty()) {
            h.append("<h2>变化最大的一级指标和三级指标（各份合计）</h2><table><tr><th>指标</th><th>A</th><th>B</th>"
                    + "<th>相差</th></tr>");
            for (Move m : overall.stream().limit(30).toList()) {
                h.append("<tr><td>").append(HtmlReport.esc(m.what())).append("</td><td class=\"n\">")
                        .append(Num.fmt(m.a())).append("</td><td class=\"n\">").append(Num.fmt(m.b()))
                        .append("</td><td class=\"n\">").append(signed(m.difference())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<h2>各份提交</h2><table><tr><th>提交</th><th>A 总分</th><th>A 等级</th><th>B 总分</th><th>B 等级</th>"
                + "<th>相差</th><th>变化</th></tr>");
        for (Row r : rows) {
            h.append("<tr").append(r.gradeChanged() ? " class=\"diff\"" : "").append("><td>")
                    .append(HtmlReport.esc(r.id())).append("</td>").append(cells(r.a())).append(cells(r.b()))
                    .append("<td class=\"n\">").append(r.difference() == null ? "—" : signed(r.difference()))
                    .append("</td><td>");
            if (r.gradeChanged()) {
                h.append(HtmlReport.esc(r.a().grade() + "→" + r.b().grade())).append("<br>");
            }
            for (Move m : r.moves().stream().limit(5).toList()) {
                h.append(HtmlReport.esc(m.what())).append(" ").append(Num.fmt(m.a())).append(" → ")
                        .append(Num.fmt(m.b())).append("<br>");
            }
            h.append("</td></tr>");
        }
        h.append("</table>");
        for (String u : unreadable) {
            h.append("<p class=\"reject\">未能读取：").append(HtmlReport.esc(u)).append("</p>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String shortened(String id) {
        return id.codePointCount(0, id.length()) <= 24 ? id : id.substring(0, id.offsetByCodePoints(0, 23)) + "…";
    }

    private static String cells(Side s) {
        if (s.failure() != null) {
            return "<td class=\"reject\" colspan=\"2\">" + HtmlReport.esc(s.failure()) + "</td>";
        }
        return "<td class=\"n\">" + Num.fmt(s.total()) + "</td><td>" + HtmlReport.esc(s.grade()) + "</td>";
    }

    /**
     * One row per submission: a hollow dot at its A total, a filled dot at its B total and a line between them, on a
     * 0-100 axis; the submissions whose grade changed first, then the largest movers.
     */
    private void chart(StringBuilder h) {
        List<Row> both = rows.stream().filter(r -> r.a().total() != null && r.b().total() != null).toList();
        List<Row> drawn = both.stream()
                .sorted(Comparator.comparing((Row r) -> !r.gradeChanged())
                        .thenComparing((Row r) -> r.difference().abs(), Comparator.reverseOrder())
                        .thenComparing(Row::id))
                .limit(CHART_ROWS).toList();
        if (drawn.isEmpty()) {
            return;
        }
        int left = 200;
        int width = 600;
        int rowHeight = 18;
        int height = 30 + drawn.size() * rowHeight;
        h.append("<h2>总分的变化（○ A → ● B；").append(both.size()).append(" 份两边都有总分")
                .append(drawn.size() < both.size() ? "，画出等级改变和变化最大的 " + drawn.size() + " 份" : "")
                .append("；").append(rows.size() - both.size()).append(" 份至少一边退回或未能评分，见下表）</h2>")
                .append("<svg id=\"movement\" role=\"img\" aria-label=\"各份提交总分从 A 到 B 的变化\" width=\"")
                .append(left + width + 120).append("\" height=\"").append(height).append("\">");
        for (int tick = 0; tick <= 100; tick += 10) {
            int x = left + tick * width / 100;
            h.append("<line x1=\"").append(x).append("\" y1=\"20\" x2=\"").append(x).append("\" y2=\"").append(height)
                    .append("\" stroke=\"#eee\"/><text x=\"").append(x).append("\" y=\"14\" text-anchor=\"middle\">")
                    .append(tick).append("</text>");
        }
        int y = 30;
        for (Row r : drawn) {
            String xa = String.format("%.1f", left + r.a().total().doubleValue() * width / 100);
            String xb = String.format("%.1f", left + r.b().total().doubleValue() * width / 100);
            String colour = r.difference().signum() > 0 ? "#2a7" : r.difference().signum() < 0 ? "#c33" : "#777";
            h.append("<g><title>").append(HtmlReport.esc(r.id() + "：" + Num.fmt(r.a().total()) + "（" + r.a().grade()
                    + "）→ " + Num.fmt(r.b().total()) + "（" + r.b().grade() + "）")).append("</title>");
            h.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + 4).append("\" text-anchor=\"end\">")
                    .append(HtmlReport.esc(shortened(r.id()))).append("</text>");
            h.append("<line x1=\"").append(xa).append("\" y1=\"").append(y).append("\" x2=\"").append(xb)
                    .append("\" y2=\"").append(y).append("\" stroke=\"").append(colour).append("\" stroke-width=\"2\"/>");
            h.append("<circle cx=\"").append(xa).append("\" cy=\"").append(y).append("\" r=\"4\" fill=\"#fff\" stroke=\"")
                    .append(colour).append("\"/><circle cx=\"").append(xb).append("\" cy=\"").append(y)
                    .append("\" r=\"3\" fill=\"").append(colour).append("\"/>");
            String label = (r.difference().signum() == 0 ? "" : signed(r.difference()) + " ")
                    + (r.gradeChanged() ? r.a().grade() + "→" + r.b().grade() : "");
            h.append("<text x=\"").append(left + width + 10).append("\" y=\"").append(y + 4).append("\"")
                    .append(r.gradeChanged() ? " fill=\"#b60\"" : "").append(">").append(HtmlReport.esc(label))
                    .append("</text></g>");
            y += rowHeight;
        }
        h.append("</svg>");
    }

    /** How many submissions went from each of A's grades to each of B's, grades in the policies' order. */
    private void transitionTable(StringBuilder h) {
        GradeCounts order = new GradeCounts();
        for (Row r : rows) {
            if (r.a().grade() != null) {
                order.add(r.a().grade(), r.a().total());
            }
            if (r.b().grade() != null) {
                order.add(r.b().grade(), r.b().total());
            }
        }
        List<String> grades = new ArrayList<>(order.inPolicyOrder().keySet());
        if (grades.isEmpty()) {
            return;
        }
        h.append("<h2>等级的变化（行：A 的等级；列：B 的等级）</h2><table id=\"grades\"><tr><th></th>");
        grades.forEach(g -> h.append("<th>").append(HtmlReport.esc(g)).append("</th>"));
        h.append("</tr>");
        for (String ga : grades) {
            h.append("<tr><th>").append(HtmlReport.esc(ga)).append("</th>");
            for (String gb : grades) {
                long n = rows.stream().filter(r -> ga.equals(r.a().grade()) && gb.equals(r.b().grade())).count();
                h.append("<td class=\"n").append(n > 0 && !ga.equals(gb) ? " diff" : "").append("\">")
                        .append(n == 0 ? "" : n).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    private static String side(Side s) {
        if (s.failure() != null) {
            return Text.padLeft("—", 9) + Text.padLeft("—", 6);
        }
        return Text.padLeft(Num.fmt(s.total()), 9) + Text.padLeft(s.grade() == null ? "—" : s.grade(), 6);
    }

    private static String signed(BigDecimal d) {
        return (d.signum() > 0 ? "+" : "") + Num.fmt(d);
    }

    public String json() {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.set("a", policy(a));
        root.set("b", policy(b));
        ArrayNode subs = root.putArray("submissions");
        for (Row r : rows) {
            ObjectNode n = subs.addObject();
            n.put("id", r.id());
            n.put("file", r.file());
            n.set("a", side(r.a(), JsonReport.MAPPER.createObjectNode()));
            n.set("b", side(r.b(), JsonReport.MAPPER.createObjectNode()));
            n.put("difference", JsonReport.num(r.difference()));
            n.put("gradeChanged", r.gradeChanged());
            n.set("moved", moves(r.moves()));
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("submissions", rows.size());
        summary.put("gradeChanged", rows.stream().filter(Row::gradeChanged).count());
        summary.put("rejectedA", rejectedA());
        summary.put("rejectedB", rejectedB());
        summary.set("moved", moves(movesOverall()));
        ObjectNode t = summary.putObject("transitions");
        transitions().forEach(t::put);
        ArrayNode movers = summary.putArray("largestMovers");
        for (Row m : largestMovers(10)) {
            movers.addObject().put("id", m.id()).put("difference", JsonReport.num(m.difference()));
        }
        ArrayNode u = summary.putArray("unreadable");
        unreadable.forEach(u::add);
        try {
            return JsonReport.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode policy(Policy p) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("notice", p.id());
        n.put("folder", p.folder().toString());
        n.put("rulesFingerprint", p.fingerprint());
        return n;
    }

    private static ObjectNode side(Side s, ObjectNode n) {
        n.put("total", JsonReport.num(s.total()));
        n.put("grade", s.grade());
        n.put("failure", s.failure());
        n.put("rejected", s.rejected());
        return n;
    }

    private static ArrayNode moves(List<Move> moves) {
        ArrayNode a = JsonReport.MAPPER.createArrayNode();
        for (Move m : moves) {
            a.addObject().put("what", m.what()).put("a", JsonReport.num(m.a())).put("b", JsonReport.num(m.b()))
                    .put("difference", JsonReport.num(m.difference()));
        }
        return a;
    }
}
