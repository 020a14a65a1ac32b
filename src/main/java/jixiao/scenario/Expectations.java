package jixiao.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jixiao.engine.ScoreResult;
import jixiao.model.CategoryScore;
import jixiao.model.CategoryWeight;
import jixiao.model.Finding;
import jixiao.model.IndicatorScore;
import jixiao.model.Num;

/** Compares a result with a scenario's expectations; only what is listed is checked. */
public final class Expectations {


    /**
     * One expectation not met.
     *
     * @param field    what was checked, e.g. {@code indicators["NAME"].score}
     * @param rules    the rules that fired for the subject, to help see why
     */
    public record Mismatch(String field, String expected, String actual, List<String> rules) {
    }

    private Expectations() {
    }

    public static List<Mismatch> check(JsonNode expect, ScoreResult r) {
        List<Mismatch> out = new ArrayList<>();
        // a result the host refuses to report (an indicator scored never or twice, no grade or two) never passes
        for (jixiao.model.Finding gap : r.ruleGaps()) {
            out.add(new Mismatch("rules", "每个指标恰有一个得分，恰有一个总分和一个等级",
                    gap.getCode() + (gap.getSubject() == null ? "" : " " + gap.getSubject()) + ": " + gap.getMessage(),
                    List.of()));
        }
        JsonNode order = expect.get("categoryOrder");
        if (order != null) {
            List<String> expected = new ArrayList<>();
            order.forEach(n -> expected.add(n.asText()));
            List<String> actual = r.weights().stream()
                    .sorted(java.util.Comparator.comparingInt(jixiao.model.CategoryWeight::getOrder))
                    .map(jixiao.model.CategoryWeight::getCategory).toList();
            if (!expected.equals(actual)) {
                out.add(new Mismatch("categoryOrder", String.join("、", expected), String.join("、", actual),
                        List.of()));
            }
        }
        if (expect.has("total")) {
            BigDecimal actual = r.total() == null ? null : r.total().getScore();
            List<String> rules = rulesOf(r, null, r.total() == null ? null : r.total().getRule());
            JsonNode total = expect.get("total");
            if (total.isObject()) {
                if (total.has("score")) {
                    number(out, "total", total.get("score"), actual, rules);
                }
                explanation(out, "total", total, r.total() == null ? null : r.total().getExplanation(), rules);
            } else {
                number(out, "total", total, actual, rules);
            }
        }
        if (expect.has("grade")) {
            String actual = r.grade() == null ? null : r.grade().getName();
            text(out, "grade", expect.get("grade"), actual, rulesOf(r, null, r.grade() == null ? null
                    : r.grade().getRule()));
        }
        JsonNode cats = expect.get("categories");
        if (cats != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = cats.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                category(out, r, e.getKey(), e.getValue());
            }
        }
        JsonNode inds = expect.get("indicators");
        if (inds != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = inds.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                indicator(out, r, e.getKey(), e.getValue());
            }
        }
        JsonNode must = expect.get("findings");
        if (must != null) {
            for (JsonNode f : must) {
                if (r.findings().stream().noneMatch(x -> matches(f, x))) {
                    out.add(new Mismatch("findings", "一条提示 " + describe(f), "没有；实有：" + codes(r),
                            List.of()));
                }
            }
        }
        JsonNode mustNot = expect.get("noFindings");
        if (mustNot != null) {
            for (JsonNode f : mustNot) {
                List<Finding> hits = r.findings().stream().filter(x -> matches(f, x)).toList();
                if (!hits.isEmpty()) {
                    out.add(new Mismatch("noFindings", "没有提示 " + describe(f), hits.stream()
                            .map(h -> h.getCode() + (h.getSubject() == null ? "" : " " + h.getSubject()) + ": "
                                    + h.getMessage()).collect(Collectors.joining(" | ")),
                            hits.stream().map(Finding::getRule).distinct().toList()));
                }
            }
        }
        if (expect.has("findingCount")) {
            int expected = expect.get("findingCount").asInt();
            if (expected != r.findings().size()) {
                out.add(new Mismatch("findingCount", String.valueOf(expected), r.findings().size() + " (" + codes(r)
                        + ")", List.of()));
            }
        }
        return out;
    }

    private static void category(List<Mismatch> out, ScoreResult r, String name, JsonNode exp) {
        CategoryWeight w = r.weight(name);
        CategoryScore c = r.category(name);
        String field = "categories[\"" + name + "\"]";
        List<String> rules = rulesOf(r, name, null);
        if (w == null && c == null) {
            out.add(new Mismatch(field, "一级指标 " + name, "结果中没有这个一级指标；结果中的一级指标："
                    + r.weights().stream().map(CategoryWeight::getCategory).collect(Collectors.joining(", ")),
                    List.of()));
            return;
        }
        if (exp.isNumber()) {
            number(out, field + ".score", exp, c == null ? null : c.getScore(), rules);
            return;
        }
        if (exp.has("score")) {
            number(out, field + ".score", exp.get("score"), c == null ? null : c.getScore(), rules);
        }
        if (exp.has("weight")) {
            number(out, field + ".weight", exp.get("weight"), w == null ? c.getWeight() : w.getWeight(), rules);
        }
        if (exp.has("weightRules")) { // the rules that set the weight, step by step, in the order they did
            List<String> want = new java.util.ArrayList<>();
            exp.get("weightRules").forEach(x -> want.add(x.asText()));
            List<String> got = w == null ? List.of() : w.getSteps().stream().map(CategoryWeight.Step::getRule).toList();
            if (!want.equals(got)) {
                out.add(new Mismatch(field + ".weightRules", String.join(" → ", want), String.join(" → ", got), rules));
            }
        }
        explanation(out, field, exp, c == null ? null : c.getExplanation(), rules);
        if (exp.has("applicable")) {
            boolean actual = w == null || w.isApplicable();
            if (exp.get("applicable").asBoolean() != actual) {
                out.add(new Mismatch(field + ".applicable", exp.get("applicable").toString(),
                        String.valueOf(actual), rules));
            }
        }
    }

    private static void indicator(List<Mismatch> out, ScoreResult r, String ref, JsonNode exp) {
        String field = "indicators[\"" + ref + "\"]";
        List<IndicatorScore> byPath = r.indicators().stream()
                .filter(s -> s.getIndicator().path().equals(ref)).toList();
        List<IndicatorScore> byName = r.indicators().stream()
                .filter(s -> ref.equals(s.getIndicator().name())).toList();
        List<IndicatorScore> hits = !byPath.isEmpty() ? byPath : byName;
        if (hits.size() != 1) {
            out.add(new Mismatch(field, "恰有一个已计分的指标 " + ref, hits.isEmpty()
                    ? "这个路径或名称下没有计分的指标"
                    : hits.size() + " 个指标与它相符：" + hits.stream().map(h -> h.getIndicator().path())
                    .collect(Collectors.joining(", ")) + "（请写出路径）", List.of()));
            return;
        }
        IndicatorScore s = hits.get(0);
        List<String> rules = rulesOf(r, s.getIndicator().path(), null);
        if (exp.isNumber()) {
            number(out, field + ".score", exp, s.getScore(), rules);
            return;
        }
        if (exp.has("score")) {
            number(out, field + ".score", exp.get("score"), s.getScore(), rules);
        }
        if (exp.has("tier")) {
            text(out, field + ".tier", exp.get("tier"), s.getTier(), rules);
        }
        if (exp.has("rule")) {
            text(out, field + ".rule", exp.get("rule"), s.getRule(), rules);
        }
        explanation(out, field, exp, s.getExplanation(), rules);
    }

    /**
     * The words a result gives for itself: {@code explanation}, the whole of it; {@code says}, a part of it (or a list
     * of parts) it must contain, e.g. {@code "says": "（比例不为正，不得分）"}.
     */
    private static void explanation(List<Mismatch> out, String field, JsonNode exp, String actual,
                                    List<String> rules) {
        if (exp.has("explanation")) {
            text(out, field + ".explanation", exp.get("explanation"), actual, rules);
        }
        for (String part : parts(exp.get("says"))) {
            if (actual == null || !actual.contains(part)) {
                out.add(new Mismatch(field + ".says", "说明中有“" + part + "”", actual == null ? "（无）" : actual,
                        rules));
            }
        }
    }

    /** A text or a list of texts, as a list. */
    private static List<String> parts(JsonNode says) {
        List<String> out = new ArrayList<>();
        if (says != null && says.isArray()) {
            says.forEach(x -> out.add(x.asText()));
        } else if (says != null) {
            out.add(says.asText());
        }
        return out;
    }

    private static boolean matches(JsonNode exp, Finding f) {
        if (exp.isTextual()) {
            return exp.asText().equals(f.getCode());
        }
        if (exp.has("code") && !exp.get("code").asText().equals(f.getCode())) {
            return false;
        }
        if (exp.has("indicator") && !exp.get("indicator").asText().equals(f.getSubject())) {
            return false;
        }
        if (exp.has("severity") && !exp.get("severity").asText().equals(f.getSeverity())) {
            return false;
        }
        if (exp.has("claimed") && !sameNumber(exp.get("claimed"), f.getClaimed())) {
            return false;
        }
        if (exp.has("recomputed") && !sameNumber(exp.get("recomputed"), f.getRecomputed())) {
            return false;
        }
        return parts(exp.get("says")).stream().allMatch(part -> f.getMessage() != null && f.getMessage().contains(part));
    }

    /** A finding's number as a scenario states it: exactly (null for none). */
    private static boolean sameNumber(JsonNode exp, BigDecimal actual) {
        return exp.isNull() ? actual == null : actual != null && exp.isNumber()
                && exp.decimalValue().compareTo(actual) == 0;
    }

    /**
     * Takes what the rules give now as what a scenario expects, field by field, for the differences a reviewer accepts
     * after an intended change of the policy (a grade band moved, so a total of 90 now has another grade): the total, the grade, a
     * category's score or weight, an indicator's score, tier or rule. Writes into {@code expect}; returns the
     * differences it cannot take (a finding expected or not, a count, a missing result): those are for the file.
     */
    public static List<Mismatch> accept(com.fasterxml.jackson.databind.node.ObjectNode expect, List<Mismatch> found) {
        List<Mismatch> left = new ArrayList<>();
        java.util.regex.Pattern sub = java.util.regex.Pattern.compile("(categories|indicators)\\[\"([^\"]*)\"\\]\\.(\\w+)");
        for (Mismatch m : found) {
            if (m.actual() == null || m.actual().equals("（无）")) {
                left.add(m);
                continue;
            }
            if (m.field().equals("total") && expect.get("total") instanceof com.fasterxml.jackson.databind.node.ObjectNode t) {
                put(t, "score", m.actual());
                continue;
            }
            if (m.field().equals("total") || m.field().equals("grade")) {
                put(expect, m.field(), m.actual());
                continue;
            }
            java.util.regex.Matcher x = sub.matcher(m.field());
            if (!x.matches() || !Set.of("score", "weight", "tier", "rule").contains(x.group(3))
                    || !(expect.get(x.group(1)) instanceof com.fasterxml.jackson.databind.node.ObjectNode group)
                    || !group.has(x.group(2))) {
                left.add(m);
                continue;
            }
            JsonNode was = group.get(x.group(2));
            if (was.isNumber() && x.group(3).equals("score")) {
                put(group, x.group(2), m.actual());
            } else if (was instanceof com.fasterxml.jackson.databind.node.ObjectNode one) {
                put(one, x.group(3), m.actual());
            } else {
                left.add(m);
            }
        }
        return left;
    }

    /** A value as the rules gave it: a number where it reads as one, else the text. */
    private static void put(com.fasterxml.jackson.databind.node.ObjectNode o, String key, String value) {
        try {
            o.put(key, new BigDecimal(value));
        } catch (NumberFormatException text) {
            o.put(key, value);
        }
    }

    private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("rules", "规则"),
            Map.entry("total", "总分"), Map.entry("grade", "等级"), Map.entry("findings", "应有的提示"),
            Map.entry("noFindings", "不应有的提示"), Map.entry("findingCount", "提示条数"),
            Map.entry("categoryOrder", "一级指标的顺序"), Map.entry("score", "得分"), Map.entry("weight", "分值"),
            Map.entry("weightRules", "定分值的规则"), Map.entry("applicable", "是否适用"), Map.entry("tier", "档次"),
            Map.entry("rule", "计分规则"), Map.entry("says", "说明"), Map.entry("explanation", "说明"));
    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile(
            "(categories|indicators)\\[\"([^\"]*)\"\\](?:\\.(\\w+))?");

    /**
     * A mismatch's field as an analyst reads it: {@code indicators["完成任务数量"].score} is 指标“完成任务数量”的得分,
     * {@code grade} is 等级 (the scenario file's own key stays in the file).
     */
    public static String inWords(String field) {
        java.util.regex.Matcher m = FIELD.matcher(field);
        if (m.matches()) {
            String what = (m.group(1).equals("categories") ? "一级指标“" : "指标“") + m.group(2) + "”";
            return m.group(3) == null ? what : what + "的" + WORDS.getOrDefault(m.group(3), m.group(3));
        }
        if (field.startsWith("total.")) { // the total's explanation: 总分的说明
            String part = field.substring("total.".length());
            return "总分的" + WORDS.getOrDefault(part, part);
        }
        return WORDS.getOrDefault(field, field);
    }

    private static String describe(JsonNode exp) {
        return exp.isTextual() ? exp.asText() : exp.toString();
    }

    private static String codes(ScoreResult r) {
        return r.findings().isEmpty() ? "没有提示" : r.findings().stream()
                .map(f -> f.getCode() + (f.getSubject() == null ? "" : " " + f.getSubject()))
                .collect(Collectors.joining(", "));
    }

    private static void number(List<Mismatch> out, String field, JsonNode exp, BigDecimal actual,
                               List<String> rules) {
        if (exp.isNull()) {
            if (actual != null) {
                out.add(new Mismatch(field, "（无）", Num.fmt(actual), rules));
            }
            return;
        }
        if (!exp.isNumber()) {
            out.add(new Mismatch(field, "场景中应写一个数", exp.toString(), List.of()));
            return;
        }
        BigDecimal expected = exp.decimalValue();
        if (actual == null || expected.compareTo(actual) != 0) { // exact: the policy's rounding made the number
            out.add(new Mismatch(field, Num.fmt(expected), actual == null ? "（无）" : Num.fmt(actual), rules));
        }
    }

    private static void text(List<Mismatch> out, String field, JsonNode exp, String actual, List<String> rules) {
        String expected = exp.isNull() ? null : exp.asText();
        if (expected == null ? actual != null : !expected.equals(actual)) {
            out.add(new Mismatch(field, expected == null ? "（无）" : expected, actual == null ? "（无）" : actual,
                    rules));
        }
    }

    /** Rules that fired with the subject among their facts, plus the given rule, in firing order. */
    private static List<String> rulesOf(ScoreResult r, String subject, String extra) {
        Set<String> rules = new LinkedHashSet<>();
        for (ScoreResult.Firing f : r.firings()) {
            if (subject != null && f.subjects().contains(subject)) {
                rules.add(f.rule());
            }
        }
        if (extra != null) {
            rules.add(extra);
        }
        return List.copyOf(rules);
    }
}
