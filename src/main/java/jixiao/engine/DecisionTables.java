package jixiao.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The traps of a decision table written as CSV, which Drools compiles without a word: an ACTION cell left empty in a
 * rule's row (that part of the action is silently not done), a template that uses {@code $2} where the row's cell holds
 * one value ({@code $1}, {@code $2} are the cell's own comma-separated values, not another column's), and a row whose
 * conditions on one field leave no value that meets them all (it can never match).
 */
public final class DecisionTables {

    private static final Pattern PARAM_N = Pattern.compile("\\$(\\d+)");
    private static final Pattern BOUND = Pattern.compile(
            "^\\s*([\\p{L}_][\\p{L}\\p{N}_.]*)\\s*(>=|>|<=|<)\\s*\\$param[A-Za-z]?\\s*$");

    private DecisionTables() {
    }

    static List<PolicyProblem> check(String file, String csv) {
        List<PolicyProblem> out = new ArrayList<>();
        List<List<String>> rows = rows(csv);
        for (int r : tableStarts(rows)) {
            table(out, file, rows, r);
        }
        return out;
    }

    /** A RuleTable as analysts read it: its name, the header row they write (规则名称, 阶段, …) and its rows. */
    public record Table(String name, List<String> header, List<Row> rows) {
    }

    /** One row of a RuleTable (one rule): the line it is written at (1-based) and its cells. */
    public record Row(int line, List<String> cells) {
        public String cell(int c) {
            return c < cells.size() ? cells.get(c) : "";
        }
    }

    /** The RuleTables of a decision table written as CSV, in the order they are written. */
    public static List<Table> tables(String csv) {
        List<Table> out = new ArrayList<>();
        List<List<String>> rows = rows(csv);
        for (int at : tableStarts(rows)) {
            List<Row> body = new ArrayList<>();
            for (int r = at + 5; r < rows.size() && !String.join("", rows.get(r)).isBlank(); r++) {
                body.add(new Row(r + 1, List.copyOf(rows.get(r))));
            }
            out.add(new Table(first(rows.get(at)).substring("RuleTable".length()).strip(), List.copyOf(rows.get(at + 4)),
                    List.copyOf(body)));
        }
        return out;
    }

    /** The cells of each line of a decision table written as CSV. */
    private static List<List<String>> rows(String csv) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : csv.split("\\r?\\n", -1)) {
            rows.add(cells(line));
        }
        return rows;
    }

    /** The rows that start a RuleTable (its name), each with its four header rows below it. */
    private static List<Integer> tableStarts(List<List<String>> rows) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r + 4 < rows.size(); r++) {
            if (first(rows.get(r)).startsWith("RuleTable")) {
                out.add(r);
            }
        }
        return out;
    }

    /** A number a rule's name states: not a clause's (注4, 第五条), a document's (〔2020〕10号) or a code's. */
    private static final Pattern STATED = Pattern.compile("(?<![注第〔\\d.A-Za-z_])(?!(?:19|20)\\d\\d(?:年|）|\\)))"
            + "(\\d+(?:\\.\\d+)?)(?![\\d.]*[〕号条款项A-Za-z_])"); // a year (2022年, （2022）) is not a stated figure
    private static final Pattern ANY_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    /**
     * Rule names that state a number none of the row's cells holds: a band or weight edited in its cell while the
     * name still says the old one (the name is what reports show beside each result). A warning per name.
     */
    static List<PolicyProblem> namesRestating(String file, String csv) {
        List<PolicyProblem> out = new ArrayList<>();
        List<List<String>> rows = rows(csv);
        for (int at : tableStarts(rows)) {
            String table = first(rows.get(at)).substring("RuleTable".length()).strip();
            for (int r = at + 5; r < rows.size() && !String.join("", rows.get(r)).isBlank(); r++) {
                List<String> row = rows.get(r);
                java.util.Set<BigDecimal> held = new java.util.TreeSet<>(); // the row's parameters: cells that are a number
                for (int c = 1; c < row.size(); c++) {
                    if (ANY_NUMBER.matcher(row.get(c).strip()).matches()) {
                        held.add(new BigDecimal(row.get(c).strip()).stripTrailingZeros());
                    }
                }
                if (held.isEmpty()) {
                    continue; // a row of no numbers (提示级别): what its name says is the rules' to keep
                }
                Matcher m = STATED.matcher(cell(row, 0));
                while (m.find()) {
                    if (!held.contains(new BigDecimal(m.group(1)).stripTrailingZeros())) {
                        out.add(new PolicyProblem(file, r + 1, "决策表 " + table + " 的规则“" + cell(row, 0)
                                + "”：名称写的 " + m.group(1) + " 不在这一行的任何一格里——是不是改了格子而没改名称？"
                                + "（报告在每个结果旁写出规则名称）", true));
                    }
                }
            }
        }
        return out;
    }

    /** One RuleTable: its kinds row, its objects row, its templates row, its labels row, then its rule rows. */
    private static void table(List<PolicyProblem> out, String file, List<List<String>> rows, int at) {
        String name = first(rows.get(at)).substring("RuleTable".length()).strip();
        List<String> kinds = rows.get(at + 1);
        List<String> objects = rows.get(at + 2);
        List<String> templates = rows.get(at + 3);
        List<String> labels = rows.get(at + 4);
        for (int r = at + 5; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (String.join("", row).isBlank()) {
                return; // a blank row ends the table
            }
            String rule = cell(row, 0);
            String where = "决策表 " + name + " 的规则“" + rule + "”";
            Map<String, BigDecimal[]> bounds = new HashMap<>(); // field → {lower, upper}
            Map<String, boolean[]> strict = new HashMap<>();
            String object = "";
            for (int c = 0; c < kinds.size(); c++) {
                String kind = cell(kinds, c).toUpperCase(java.util.Locale.ROOT);
                if (!cell(objects, c).isBlank()) {
                    object = cell(objects, c).replaceFirst("^\\s*\\$\\w+\\s*:\\s*", "").strip(); // "$t : TotalScore"
                }
                String value = cell(row, c);
                String template = cell(templates, c);
                String label = cell(labels, c).isBlank() ? "column " + (c + 1) : cell(labels, c);
                if (kind.startsWith("ACTION") && value.isBlank()) {
                    out.add(new PolicyProblem(file, r + 1, where + "：“" + label + "”一栏（ACTION）是空的，这条规则就不做 `"
                            + template.strip() + "`：请填上这一格", true));
                    continue;
                }
                if ((kind.startsWith("ACTION") || kind.startsWith("CONDITION")) && !value.isBlank()) {
                    int values = value.split(",", -1).length;
                    Matcher p = PARAM_N.matcher(template);
                    while (p.find()) {
                        int n = Integer.parseInt(p.group(1));
                        if (n > values) {
                            out.add(new PolicyProblem(file, r + 1, where + "：“" + label + "”一栏的模板用到 $" + n
                                    + "，而这一格只有 " + values + " 个值（“" + value + "”）：$1、$2……是这一格自己以逗号分开的"
                                    + "各个值，不是别的栏", true));
                            break;
                        }
                    }
                }
                if (kind.startsWith("CONDITION") && !value.isBlank()) {
                    Matcher b = BOUND.matcher(template);
                    BigDecimal v = number(value);
                    if (b.matches() && v != null) {
                        String field = object + "/" + b.group(1);
                        BigDecimal[] lu = bounds.computeIfAbsent(field, k -> new BigDecimal[2]);
                        boolean[] st = strict.computeIfAbsent(field, k -> new boolean[2]);
                        if (b.group(2).startsWith(">")) {
                            if (lu[0] == null || v.compareTo(lu[0]) > 0) {
                                lu[0] = v;
                                st[0] = b.group(2).equals(">");
                            }
                        } else if (lu[1] == null || v.compareTo(lu[1]) < 0) {
                            lu[1] = v;
                            st[1] = b.group(2).equals("<");
                        }
                    }
                }
            }
            for (Map.Entry<String, BigDecimal[]> e : bounds.entrySet()) {
                BigDecimal[] lu = e.getValue();
                boolean[] st = strict.get(e.getKey());
                if (lu[0] != null && lu[1] != null) {
                    int cmp = lu[0].compareTo(lu[1]);
                    if (cmp > 0 || cmp == 0 && (st[0] || st[1])) {
                        out.add(new PolicyProblem(file, r + 1, where + "：没有 " + e.getKey().replaceFirst(".*/", "")
                                + " 能既" + (st[0] ? "大于 " : "不低于 ") + lu[0].toPlainString() + "又"
                                + (st[1] ? "小于 " : "不高于 ") + lu[1].toPlainString() + "：这条规则永远不会匹配", true));
                    }
                }
            }
        }
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String first(List<String> row) {
        return cell(row, 0).strip();
    }

    private static String cell(List<String> row, int c) {
        return c < row.size() ? row.get(c) : "";
    }

    /** The cells of a CSV line, quotes undone. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
