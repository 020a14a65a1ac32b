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

    /** One side's result for a submission: a total and grade, or why there is none. */
    public record Side(BigDecimal total, String grade, String failure) {
        static Side failed(String why) {
            return new Side(null, null, why);
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
        sb.append("，").append(changedTotal).append(" 份总分改变。").append(nl);
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
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("submissions", rows.size());
        summary.put("gradeChanged", rows.stream().filter(Row::gradeChanged).count());
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
        return n;
    }
}
