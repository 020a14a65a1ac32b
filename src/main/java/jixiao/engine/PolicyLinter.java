package jixiao.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jixiao.model.CategoryWeight;
import jixiao.model.Submission;
import jixiao.model.Tier;
import org.kie.api.runtime.KieSession;

/**
 * Finds rules that compile but can never fire because they name a first-level category or a tier that the policy
 * itself never defines (a typo in a category name). What the policy defines is learnt by running its rules on an
 * empty submission; the names rules compare against are read from the DRL text.
 */
public final class PolicyLinter {

    private static final Pattern RULE = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\"(.*?)^end\\s*$");
    private static final Pattern CATEGORY = Pattern.compile("category\\s*==\\s*\"([^\"]+)\"");
    /**
     * A department's declaration is matched by the name the department writes, which may be a category the notice
     * defines or a second-level heading (declared not applicable where the notice's table has it): compared with both.
     */
    private static final Pattern DECLARATION = Pattern.compile("CategoryDeclaration\\(\\s*name\\s*==\\s*\"([^\"]+)\"");
    private static final Pattern TIER = Pattern.compile("(?:tier\\.name\\s*==\\s*|Tier\\(\\s*name\\s*==\\s*)\"([^\"]+)\"");

    private PolicyLinter() {
    }

    public static List<PolicyProblem> lint(Policy policy) throws PolicyException {
        return lint(policy, List.of());
    }

    /**
     * Rules that may never fire: they name a category or tier that the policy defines for none of the samples (an
     * empty submission, and the submissions of the notice's scenarios — a notice may define categories only for
     * some kinds or years of submission).
     */
    public static List<PolicyProblem> lint(Policy policy, List<Submission> samples) throws PolicyException {
        Set<String> categories = new TreeSet<>();
        Set<String> tiers = new TreeSet<>();
        List<Submission> all = withEmpty(policy, samples);
        for (Submission sample : all) {
            defined(policy, sample, categories, tiers);
        }
        Set<String> declarable = new TreeSet<>(categories);
        for (Submission sample : all) {
            sample.indicators().forEach(i -> {
                if (i.group() != null) {
                    declarable.add(i.group());
                }
            });
            sample.categories().forEach(c -> declarable.add(c.name()));
        }
        List<PolicyProblem> problems = new ArrayList<>();
        for (PolicyFiles.Source file : policy.sources()) {
            if (!file.name().endsWith(".drl")) {
                continue; // decision tables: see decisionTables
            }
            String text = file.text();
            String code = withoutComments(text);
            Matcher rule = RULE.matcher(code);
            while (rule.find()) {
                int line = lineOf(code, rule.start());
                String rel = file.label();
                check(problems, rel, line, rule.group(1), rule.group(2), CATEGORY, categories,
                        "一级指标");
                check(problems, rel, line, rule.group(1), rule.group(2), DECLARATION, declarable,
                        "一级指标或二级指标");
                check(problems, rel, line, rule.group(1), rule.group(2), TIER, tiers, "档次");
            }
        }
        return problems;
    }

    /**
     * What Drools compiles from a decision table without a word but should not: an ACTION cell left empty in a rule's
     * row, a {@code $n} the row's cell does not have, a row whose conditions can never all hold (see
     * {@link DecisionTables}).
     */
    public static List<PolicyProblem> decisionTables(Policy policy) {
        List<PolicyProblem> out = new ArrayList<>();
        for (PolicyFiles.Source file : policy.sources()) {
            if (file.name().endsWith(".drl.csv")) {
                out.addAll(DecisionTables.check(file.label(), file.text()));
            }
        }
        return out;
    }

    /**
     * The grades the policy's bands give (its GradeBand facts, for an empty submission), in the table's order: a band
     * row always fires, so coverage asks instead which of these grades no scenario was given.
     */
    public static List<String> gradeBandNames(Policy policy) throws PolicyException {
        List<String> out = new ArrayList<>();
        for (Object o : factsFor(policy, withEmpty(policy, List.of()).get(0))) {
            if (o instanceof jixiao.model.GradeBand b && !out.contains(b.name())) {
                out.add(b.name());
            }
        }
        return out;
    }

    /** Decision-table rules whose names state a number none of their cells holds (see {@link DecisionTables}). */
    public static List<PolicyProblem> namesRestating(Policy policy) {
        List<PolicyProblem> out = new ArrayList<>();
        for (PolicyFiles.Source file : policy.sources()) {
            if (file.name().endsWith(".drl.csv")) {
                out.addAll(DecisionTables.namesRestating(file.label(), file.text()));
            }
        }
        return out;
    }

    /** A rule writing a finding: {@code new Finding("error", "CODE", …)}. */
    private static final Pattern WRITES = Pattern.compile("new\\s+Finding\\(\\s*\"[^\"]*\"\\s*,\\s*\"([^\"]+)\"");

    /**
     * The 提示级别 rows naming a code that no rule of the policy writes (a misspelt code: its level would apply to
     * nothing, in silence), each named by the file and line of its row. (A level that is not one of reject, error,
     * warning, info is refused when the rules load.)
     */
    public static List<PolicyProblem> findingLevels(Policy policy) throws PolicyException {
        Set<String> written = new TreeSet<>();
        for (PolicyFiles.Source file : policy.sources()) {
            if (file.name().endsWith(".drl") || file.name().endsWith(".drl.csv")) {
                Matcher m = WRITES.matcher(file.name().endsWith(".drl") ? withoutComments(file.text()) : file.text()
                        .replace("\"\"", "\""));
                while (m.find()) {
                    written.add(m.group(1));
                }
            }
        }
        List<PolicyProblem> out = new ArrayList<>();
        for (Object o : factsFor(policy, withEmpty(policy, List.of()).get(0))) {
            if (!(o instanceof jixiao.model.FindingLevel level)) {
                continue;
            }
            String[] at = rowOf(policy, level.code());
            if (!written.contains(level.code())) {
                out.add(new PolicyProblem(at[0], Integer.parseInt(at[1]), "提示级别表写了代码 "
                        + level.code() + "，但本政策没有规则写出它：这一级别不作用于任何提示"
                        + nearest(level.code(), written), true));
            }
        }
        return out;
    }

    /** A rule reading a notice's worded parameter: {@code Parameter( name == "未完成原因栏", … )}. */
    private static final Pattern READS_PARAMETER = Pattern.compile("Parameter\\(\\s*name\\s*==\\s*\"([^\"]+)\"");

    /**
     * The worded parameters ({@link jixiao.model.Parameter}) a rule of the policy reads and no row of its tables sets:
     * such a rule never fires, in silence (a 退回 that never happens). One problem per place a rule reads one.
     */
    public static List<PolicyProblem> missingParameters(Policy policy) throws PolicyException {
        Set<String> set = new TreeSet<>();
        for (Object o : factsFor(policy, withEmpty(policy, List.of()).get(0))) {
            if (o instanceof jixiao.model.Parameter parameter) {
                set.add(parameter.name());
            }
        }
        List<PolicyProblem> out = new ArrayList<>();
        for (PolicyFiles.Source file : policy.sources()) {
            if (!file.name().endsWith(".drl")) {
                continue;
            }
            String text = withoutComments(file.text());
            Matcher m = READS_PARAMETER.matcher(text);
            while (m.find()) {
                if (!set.contains(m.group(1))) {
                    out.add(new PolicyProblem(file.label(), lineOf(text, m.start()), "规则读通知参数“" + m.group(1)
                            + "”，而本通知的措辞表（00-parameters.drl.csv 的 RuleTable 措辞）没有这一行：这条规则永远不会触发；"
                            + "在措辞表中加上这一行，或在 notice.json 的 \"drop\" 中去掉这个文件" + nearest(m.group(1), set),
                            true));
                }
            }
        }
        return out;
    }

    /**
     * The finding codes a rule writes that the notice (with its bases) gives no Chinese name under "codes" in
     * notice.json: reports would show the bare code. One problem per code, at the first place a rule writes it.
     */
    public static List<PolicyProblem> unnamedCodes(Policy policy) {
        java.util.Map<String, PolicyProblem> out = new java.util.TreeMap<>();
        for (PolicyFiles.Source file : policy.sources()) {
            if (!file.name().endsWith(".drl") && !file.name().endsWith(".drl.csv")) {
                continue;
            }
            String text = file.name().endsWith(".drl") ? withoutComments(file.text()) : file.text().replace("\"\"", "\"");
            Matcher m = WRITES.matcher(text);
            while (m.find()) {
                String code = m.group(1);
                if (policy.codeName(code) == null && !out.containsKey(code)) {
                    out.put(code, new PolicyProblem(file.label(), lineOf(text, m.start()), "提示代码 " + code
                            + " 没有中文名称：在 notice.json 的 \"codes\" 中写上 {\"" + code
                            + "\": {\"name\": \"…\", \"meaning\": \"…\"}}，报告才会在代码旁写出它的名称", true));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** "; did you mean X?" for the written code nearest to a misspelt one (by edits), or "" when none is near. */
    private static String nearest(String code, Set<String> written) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String w : written) {
            int d = edits(code, w);
            if (d < bestDistance) {
                best = w;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, code.length() / 4) ? "；是不是 " + best + "？"
                : " (no code the rules write is near it)";
    }

    /** Levenshtein distance. */
    private static int edits(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1)
                        ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The file and line of the decision-table row that names a code, or {null, "0"}. */
    private static String[] rowOf(Policy policy, String code) {
        for (PolicyFiles.Source file : policy.sources()) {
            if (!file.name().endsWith(".drl.csv")) {
                continue;
            }
            String[] lines = file.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("," + code + ",")) {
                    return new String[] {file.label(), String.valueOf(i + 1)};
                }
            }
        }
        return new String[] {null, "0"};
    }

    /**
     * Probes the grade bands as decision-table editors probe for gaps and overlaps: every total from 0 to 100 in
     * steps of 0.01 is given to the policy's rules alone, and the grades they give are counted. Each run of totals
     * with no grade, or with more than one, is a problem, with the totals that fall into it.
     */
    public static List<PolicyProblem> gradeBands(Policy policy) {
        List<PolicyProblem> out = new ArrayList<>();
        String runKind = null;
        java.math.BigDecimal runStart = null;
        java.math.BigDecimal previous = null;
        for (int cents = 0; cents <= 10_000; cents++) {
            java.math.BigDecimal total = java.math.BigDecimal.valueOf(cents, 2);
            List<String> grades = gradesFor(policy, total);
            String kind = grades.size() == 1 ? null : grades.isEmpty() ? "no grade" : "grades " + grades;
            if (!java.util.Objects.equals(kind, runKind)) {
                close(out, policy, runKind, runStart, previous);
                runKind = kind;
                runStart = total;
            }
            previous = total;
        }
        close(out, policy, runKind, runStart, previous);
        return out;
    }

    private static void close(List<PolicyProblem> out, Policy policy, String kind, java.math.BigDecimal from,
                              java.math.BigDecimal to) {
        if (kind != null) {
            out.add(new PolicyProblem(null, 0, "总分 " + from.toPlainString() + " 至 " + to.toPlainString()
                    + (kind.equals("no grade") ? " 没有等级：等级区间之间有缺口" : " 同时得到 " + kind.substring("grades ".length())
                    + "：等级区间相互重叠"), true));
        }
    }

    private static List<String> gradesFor(Policy policy, java.math.BigDecimal total) {
        KieSession session = policy.kieBase().newKieSession();
        try {
            session.insert(new jixiao.model.TotalScore(total, "probe"));
            policy.focusPhases(session);
            if (!Scorer.fireWithin(session, 1_000, Scorer.DEFAULT_TIMEOUT_MILLIS, new int[1])) {
                throw new IllegalStateException("the rules of " + policy.folder() + " ran past the time limit ("
                        + Scorer.DEFAULT_TIMEOUT_MILLIS / 1000 + " s) on a total of " + total.toPlainString()
                        + " and were stopped");
            }
            List<String> grades = new ArrayList<>();
            session.getObjects(o -> o instanceof jixiao.model.Grade)
                    .forEach(o -> grades.add(((jixiao.model.Grade) o).getName()));
            java.util.Collections.sort(grades);
            return grades;
        } finally {
            session.dispose();
        }
    }

    /**
     * Probes the qualitative tiers as the grade bands are probed: every score from 0% to 100% of an indicator's points,
     * in steps of 0.01%, must fall in exactly one tier. Each run of scores in no tier, or in two, is a problem. The
     * tiers are those the policy defines for an empty submission and for each of the samples.
     */
    public static List<PolicyProblem> tierBands(Policy policy, List<Submission> samples) throws PolicyException {
        List<Submission> all = withEmpty(policy, samples);
        java.util.Set<List<String>> probed = new java.util.HashSet<>();
        java.util.Map<String, PolicyProblem> out = new java.util.LinkedHashMap<>();
        for (Submission sample : all) {
            // the tiers this submission gets (a notice may define them by year or kind), each once
            java.util.Map<String, Tier> tiers = new java.util.TreeMap<>();
            for (Tier t : tiersFor(policy, sample)) {
                tiers.putIfAbsent(t.getName() + "|" + t.getLowerPercent().stripTrailingZeros() + "|"
                        + t.isLowerInclusive() + "|" + t.getUpperPercent().stripTrailingZeros() + "|"
                        + t.isUpperInclusive(), t);
            }
            if (tiers.isEmpty() || !probed.add(List.copyOf(tiers.keySet()))) {
                continue;
            }
            for (PolicyProblem p : probe(tiers.values())) {
                out.putIfAbsent(p.message(), p);
            }
        }
        return List.copyOf(out.values());
    }

    private static List<PolicyProblem> probe(java.util.Collection<Tier> tiers) {
        List<PolicyProblem> out = new ArrayList<>();
        java.math.BigDecimal hundred = java.math.BigDecimal.valueOf(100);
        String runKind = null;
        java.math.BigDecimal runStart = null;
        java.math.BigDecimal previous = null;
        for (int hundredths = 0; hundredths <= 10_000; hundredths++) {
            java.math.BigDecimal p = java.math.BigDecimal.valueOf(hundredths, 2);
            List<String> in = new ArrayList<>();
            tiers.stream().filter(t -> t.contains(p, hundred)).forEach(t -> in.add(t.getName()));
            java.util.Collections.sort(in);
            String kind = in.size() == 1 ? null : in.isEmpty() ? "no tier" : "tiers " + in;
            if (!java.util.Objects.equals(kind, runKind)) {
                closeTier(out, runKind, runStart, previous);
                runKind = kind;
                runStart = p;
            }
            previous = p;
        }
        closeTier(out, runKind, runStart, previous);
        return out;
    }

    private static void closeTier(List<PolicyProblem> out, String kind, java.math.BigDecimal from,
                                  java.math.BigDecimal to) {
        if (kind != null) {
            out.add(new PolicyProblem(null, 0, "得分占分值 " + from.toPlainString() + "% 至 " + to.toPlainString()
                    + "% 的" + (kind.equals("no tier") ? "不在任何一档：档次之间有缺口"
                    : "同时在 " + kind.substring("tiers ".length()) + " 几档：档次相互重叠"), true));
        }
    }

    private static List<Tier> tiersFor(Policy policy, Submission sample) throws PolicyException {
        List<Tier> out = new ArrayList<>();
        factsFor(policy, sample).stream().filter(o -> o instanceof Tier).forEach(o -> out.add((Tier) o));
        return out;
    }

    /** An empty submission of the notice, then the samples: what the policy defines is learnt from them all. */
    private static List<Submission> withEmpty(Policy policy, List<Submission> samples) {
        List<Submission> all = new ArrayList<>();
        all.add(new Submission("(lint)", policy.id(), null, null, null, null, null, null, null, null,
                List.of(), List.of(), List.of(), null, null));
        all.addAll(samples);
        return all;
    }

    /** The facts in working memory once the policy's rules have run on this submission. */
    private static java.util.Collection<?> factsFor(Policy policy, Submission sample) throws PolicyException {
        KieSession session = policy.kieBase().newKieSession();
        try {
            Scorer.insertFacts(session, sample);
            policy.focusPhases(session);
            if (!Scorer.fireWithin(session, Scorer.DEFAULT_MAX_FIRINGS, Scorer.DEFAULT_TIMEOUT_MILLIS, new int[1])) {
                throw new PolicyException("the rules of " + policy.folder() + " ran past the time limit ("
                        + Scorer.DEFAULT_TIMEOUT_MILLIS / 1000 + " s) on submission " + sample.id()
                        + " and were stopped: a rule loops");
            }
            return new ArrayList<>(session.getObjects());
        } catch (RuntimeException e) {
            throw new PolicyException("the rules of " + policy.folder() + " fail on submission " + sample.id() + ": "
                    + e);
        } finally {
            session.dispose();
        }
    }

    /** The categories and tiers the policy defines when it scores this submission. */
    private static void defined(Policy policy, Submission sample, Set<String> categories, Set<String> tiers)
            throws PolicyException {
        for (Object o : factsFor(policy, sample)) {
            if (o instanceof CategoryWeight w) {
                categories.add(w.getCategory());
            } else if (o instanceof Tier t) {
                tiers.add(t.getName());
            }
        }
    }

    private static void check(List<PolicyProblem> out, String file, int line, String rule, String body,
                              Pattern p, Set<String> defined, String what) {
        if (defined.isEmpty()) {
            return; // this policy defines none: nothing to compare with
        }
        Matcher m = p.matcher(body);
        while (m.find()) {
            if (!defined.contains(m.group(1))) {
                out.add(new PolicyProblem(file, line, "规则“" + rule + "”要匹配" + what + " \"" + m.group(1)
                        + "\"，而本政策没有规则定义它（定义了的：" + String.join("、", defined) + "）：这条规则可能永远不会触发",
                        true));
            }
        }
    }

    /** The DRL with comments blanked out (line breaks kept, so that line numbers stay right). */
    static String withoutComments(String drl) {
        StringBuilder sb = new StringBuilder(drl.length());
        boolean inString = false;
        for (int i = 0; i < drl.length(); i++) {
            char c = drl.charAt(i);
            if (inString) {
                sb.append(c);
                if (c == '\\' && i + 1 < drl.length()) {
                    sb.append(drl.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                sb.append(c);
            } else if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '/') {
                while (i < drl.length() && drl.charAt(i) != '\n') {
                    i++;
                }
                if (i < drl.length()) {
                    sb.append('\n');
                }
            } else if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '*') {
                i += 2;
                while (i + 1 < drl.length() && !(drl.charAt(i) == '*' && drl.charAt(i + 1) == '/')) {
                    sb.append(drl.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                }
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
