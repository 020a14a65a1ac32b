package jixiao.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changed between two versions of a notice's folder, in the policy's own terms: rules added, changed or taken
 * away (by name), decision-table rows changed (by the rule name in their first cell), added or taken away, and the
 * fields of notice.json that changed — not lines of text.
 */
public final class PolicyDiff {

    /** One change: what kind, in which file, and what it says. */
    public record Change(String kind, String file, String what) {
        @Override
        public String toString() {
            return kind + " " + file + "：" + what;
        }
    }

    private static final Pattern RULE = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\"(.*?)^end\\s*$");

    private PolicyDiff() {
    }

    /** The changes from {@code before} to {@code after} (file name → bytes), file by file in name order. */
    public static List<Change> between(Map<String, byte[]> before, Map<String, byte[]> after) {
        List<Change> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            String a = text(before.get(name));
            String b = text(after.get(name));
            if (a != null && a.equals(b)) {
                continue;
            }
            if (name.endsWith(".drl")) {
                rules(name, a, b, out);
            } else if (name.endsWith(".drl.csv")) {
                rows(name, a, b, out);
            } else if (a == null) {
                out.add(new Change("新增文件", name, "（" + b.lines().count() + " 行）"));
            } else if (b == null) {
                out.add(new Change("删去文件", name, ""));
            } else if (name.endsWith(".json")) {
                fields(name, a, b, out);
            } else {
                out.add(new Change("改动文件", name, ""));
            }
        }
        return out;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> rulesOf(String drl) {
        Map<String, String> out = new LinkedHashMap<>();
        if (drl != null) {
            Matcher m = RULE.matcher(drl);
            while (m.find()) {
                out.put(m.group(1), m.group(2).replaceAll("\\s+", " ").strip());
            }
        }
        return out;
    }

    private static void rules(String file, String a, String b, List<Change> out) {
        Map<String, String> before = rulesOf(a);
        Map<String, String> after = rulesOf(b);
        int found = out.size();
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                out.add(new Change("删去规则", file, e.getKey()));
            } else if (!after.get(e.getKey()).equals(e.getValue())) {
                out.add(new Change("改动规则", file, e.getKey()));
            }
        }
        for (String name : after.keySet()) {
            if (!before.containsKey(name)) {
                out.add(new Change("新增规则", file, name));
            }
        }
        if (out.size() == found) { // comments, imports, functions: no rule changed
            out.add(new Change(a == null ? "新增文件" : b == null ? "删去文件" : "改动文件", file, "（规则本身未变）"));
        }
    }

    /** Rows of a decision table by their first cell (the rule's name); rows without one by their whole text. */
    private static Map<String, String> rowsOf(String csv) {
        Map<String, String> out = new LinkedHashMap<>();
        if (csv != null) {
            for (String line : csv.split("\r?\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String first = line.split(",", 2)[0].strip();
                out.putIfAbsent(first.isEmpty() || first.startsWith("\"") ? line : first, line);
            }
        }
        return out;
    }

    private static void rows(String file, String a, String b, List<Change> out) {
        Map<String, String> before = rowsOf(a);
        Map<String, String> after = rowsOf(b);
        for (Map.Entry<String, String> e : before.entrySet()) {
            String now = after.get(e.getKey());
            if (now == null) {
                out.add(new Change("删去一行", file, e.getValue()));
            } else if (!now.equals(e.getValue())) {
                out.add(new Change("改动一行", file, e.getValue() + " → " + now));
            }
        }
        for (Map.Entry<String, String> e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                out.add(new Change("新增一行", file, e.getValue()));
            }
        }
    }

    private static void fields(String file, String a, String b, List<Change> out) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var x = json.readTree(a);
            var y = json.readTree(b);
            TreeSet<String> keys = new TreeSet<>();
            x.fieldNames().forEachRemaining(keys::add);
            y.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (!java.util.Objects.equals(x.get(k), y.get(k))) {
                    out.add(new Change("改动", file, "\"" + k + "\"：" + (x.has(k) ? x.get(k) : "（无）") + " → "
                            + (y.has(k) ? y.get(k) : "（无）")));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            out.add(new Change("改动文件", file, ""));
        }
    }
}
