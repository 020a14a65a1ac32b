package jixiao.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyFiles;
import jixiao.engine.PolicyLoader;

/**
 * Mutation testing for analysts: small wrong edits of a notice's rules, each of which the notice's scenarios should
 * notice. Each number in a rule's condition or consequence, in a function's body and in a decision-table cell is moved
 * by ±1 and by ± one step of its last decimal; each comparator there is flipped (≥ ↔ >, ≤ ↔ <); each rule (a DRL rule, a decision-table row) is deleted. A
 * mutant is killed when some scenario fails or cannot be scored under it; it survives when every scenario still
 * passes. A surviving mutant that can change no result is listed, with the reason, in {@value #EQUIVALENT} in one of
 * the notice's folders (its own or a base's).
 */
public final class Mutants {

    public static final String EQUIVALENT = "equivalent-mutants.json";

    /**
     * A mutant: in {@code file} (the folder it lies in / its name), line {@code line} reads {@code mutated} instead of
     * {@code original} ({@code mutated} is empty when the rule is deleted).
     */
    public record Mutant(String name, String file, int line, String original, String mutated, String kind,
                         String text) {

        /** "file:line `before` → `after`", the change shown with a little of what is around it. */
        public String describe() {
            if (kind.equals("delete")) {
                return file + ":" + line + " rule deleted: " + original;
            }
            if (kind.equals("phase")) {
                return file + ":" + line + " " + original + " → `" + mutated.substring(mutated.indexOf("” ") + 2)
                        + "` (a phase boundary moved)";
            }
            if (kind.equals("salience") && mutated.isEmpty()) {
                return file + ":" + line + " `" + original + "` removed";
            }
            int start = 0;
            while (start < original.length() && start < mutated.length()
                    && original.charAt(start) == mutated.charAt(start)) {
                start++;
            }
            int endO = original.length();
            int endM = mutated.length();
            while (endO > start && endM > start && original.charAt(endO - 1) == mutated.charAt(endM - 1)) {
                endO--;
                endM--;
            }
            int from = Math.max(0, start - 24);
            int toO = Math.min(original.length(), endO + 12);
            int toM = Math.min(mutated.length(), endM + 12);
            String pre = from > 0 ? "…" : "";
            return file + ":" + line + " `" + pre + original.substring(from, toO).strip() + (toO < original.length()
                    ? "…" : "") + "` → `" + pre + mutated.substring(from, toM).strip()
                    + (toM < mutated.length() ? "…" : "") + "`";
        }
    }

    public enum Status { KILLED, SURVIVED, EQUIVALENT, STILLBORN }

    /** What became of a mutant: killed by which scenario, or why it is equivalent, or why it did not compile. */
    public record Result(Mutant mutant, Status status, String detail) {
    }

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.\\p{L}])(\\d+(?:\\.\\d+)?)(?![\\w.\\p{L}(])");
    private static final Pattern COMPARATOR = Pattern.compile(">=|<=|(?<![-=<>!])>(?!=)|(?<![<])<(?![=<])");
    private static final Pattern RULE_START = Pattern.compile("^rule\\s+\"([^\"]+)\"");

    private Mutants() {
    }

    /** Every mutant of a notice's effective rule files. */
    public static List<Mutant> of(PolicyFiles set) {
        List<Mutant> out = new ArrayList<>();
        Path root = set.folder().getParent();
        for (PolicyFiles.Source f : set.files()) {
            String owner = root.relativize(f.path()).toString().replace('\\', '/');
            if (f.name().endsWith(".drl")) {
                drl(out, f.name(), owner, f.text());
            } else if (f.name().endsWith(".drl.csv")) {
                table(out, f.name(), owner, f.text());
            }
        }
        return out;
    }

    /** A rule's phase attribute. */
    private static final Pattern PHASE = Pattern.compile("ruleflow-group\\s+\"([^\"]+)\"");

    /** The phases a file's rules name, in the order they run (by their number). */
    private static List<String> phasesOf(String[] lines) {
        java.util.TreeSet<String> phases = new java.util.TreeSet<>(
                java.util.Comparator.comparing(PolicyLoader::phaseKey).thenComparing(x -> x));
        for (String l : lines) {
            Matcher m = PHASE.matcher(l.strip());
            if (m.matches()) {
                phases.add(m.group(1));
            }
        }
        return new ArrayList<>(phases);
    }

    /** A rule's salience attribute: the order it fires in among the rules of its phase. */
    private static final Pattern SALIENCE = Pattern.compile("salience\\s+(-?\\d+)");
    private static final Pattern FUNCTION_START = Pattern.compile("^function\\s");

    private static void drl(List<Mutant> out, String name, String owner, String text) {
        String[] lines = text.split("\n", -1);
        boolean inCondition = false;
        boolean inConsequence = false;
        boolean inFunction = false;
        int ruleStart = -1;
        String ruleName = null;
        List<String> phases = phasesOf(lines);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String code = masked(line);
            String t = code.strip();
            if (ruleStart < 0 && FUNCTION_START.matcher(line).find()) { // a function: its body is mutated too
                inFunction = true;
                continue;
            }
            if (inFunction) {
                if (line.startsWith("}")) {
                    inFunction = false;
                } else {
                    mutateLine(out, name, owner, lines, i, code, 0);
                }
                continue;
            }
            Matcher r = RULE_START.matcher(t);
            if (r.find()) {
                ruleStart = i;
                Matcher named = RULE_START.matcher(line.strip()); // the name itself, not the masked line's blanks
                ruleName = named.find() ? named.group(1) : r.group(1);
                continue;
            }
            Matcher group = PHASE.matcher(line.strip()); // the phase's name is a string: not the masked line
            if (ruleStart >= 0 && !inCondition && group.matches()) { // a phase boundary: the rule one phase earlier or later
                int at = phases.indexOf(group.group(1));
                String indent = line.substring(0, line.indexOf('r'));
                for (int k : new int[] {at - 1, at + 1}) {
                    if (k >= 0 && k < phases.size()) {
                        // in the neighbouring phase, first and then last among its rules: whichever order the engine
                        // would pick, the boundary is needed only if one of the two changes a result
                        for (String first : new String[] {"1000", "-1000"}) {
                            String moved = indent + "ruleflow-group \"" + phases.get(k) + "\" salience " + first;
                            String[] copy = lines.clone();
                            copy[i] = moved;
                            // named by its rule: every rule of a phase has the same ruleflow-group line
                            out.add(new Mutant(name, owner, i + 1, "“" + ruleName + "” " + line.strip(),
                                    "“" + ruleName + "” " + moved.strip(), "phase", String.join("\n", copy)));
                        }
                    }
                }
                continue;
            }
            Matcher sal = SALIENCE.matcher(t);
            if (ruleStart >= 0 && !inCondition && sal.matches()) { // the order a rule fires in, a mutant too
                long v = Long.parseLong(sal.group(1));
                String indent = line.substring(0, line.indexOf('s'));
                if (v != 0) {
                    add(out, name, owner, lines, i, "", "salience");
                    add(out, name, owner, lines, i, indent + "salience " + (-v), "salience");
                } else {
                    add(out, name, owner, lines, i, indent + "salience 1000", "salience");
                    add(out, name, owner, lines, i, indent + "salience -1000", "salience");
                }
                continue;
            }
            if (t.equals("when")) {
                inCondition = true;
                continue;
            }
            if (t.equals("then")) {
                inCondition = false;
                inConsequence = true;
                continue;
            }
            if (t.equals("end") && ruleStart >= 0) {
                String[] copy = lines.clone();
                for (int j = ruleStart; j <= i; j++) {
                    copy[j] = "";
                }
                out.add(new Mutant(name, owner, ruleStart + 1, "“" + ruleName + "”", "", "delete",
                        String.join("\n", copy)));
                ruleStart = -1;
                inConsequence = false;
                continue;
            }
            if (inCondition || inConsequence) { // conditions, and the numbers and comparisons a consequence works with
                mutateLine(out, name, owner, lines, i, code, 0);
            }
        }
    }

    /** Numbers and comparators of one line (from column {@code from} on), each mutant a whole new file text. */
    private static void mutateLine(List<Mutant> out, String name, String owner, String[] lines, int i, String code,
                                   int from) {
        String line = lines[i];
        Matcher n = NUMBER.matcher(code);
        n.region(from, code.length());
        while (n.find()) {
            for (String v : neighbours(n.group(1))) {
                add(out, name, owner, lines, i, line.substring(0, n.start()) + v + line.substring(n.end()), "number");
            }
        }
        comparators(out, name, owner, lines, i, code, from);
    }

    /** Each comparator of a line flipped (≥ ↔ >, ≤ ↔ <), from column {@code from} on. */
    private static void comparators(List<Mutant> out, String name, String owner, String[] lines, int i, String code,
                                    int from) {
        String line = lines[i];
        Matcher c = COMPARATOR.matcher(code);
        c.region(from, code.length());
        while (c.find()) {
            String flipped = switch (c.group()) {
                case ">=" -> ">";
                case ">" -> ">=";
                case "<=" -> "<";
                default -> "<=";
            };
            add(out, name, owner, lines, i, line.substring(0, c.start()) + flipped + line.substring(c.end()),
                    "comparator");
        }
    }

    private static void add(List<Mutant> out, String name, String owner, String[] lines, int i, String mutated,
                            String kind) {
        String[] copy = lines.clone();
        copy[i] = mutated;
        out.add(new Mutant(name, owner, i + 1, lines[i].strip(), mutated.strip(), kind, String.join("\n", copy)));
    }

    /** ±1 and ± one step of the last decimal (the same for a whole number), never below zero. */
    public static List<String> neighbours(String number) {
        BigDecimal x = new BigDecimal(number);
        Set<String> out = new LinkedHashSet<>();
        BigDecimal step = BigDecimal.ONE.movePointLeft(Math.max(0, x.scale()));
        for (BigDecimal d : new BigDecimal[] {BigDecimal.ONE, step}) {
            out.add(x.add(d).toPlainString());
            if (x.subtract(d).signum() >= 0) {
                out.add(x.subtract(d).toPlainString());
            }
        }
        out.remove(number);
        return new ArrayList<>(out);
    }

    /** String literals and comments blanked out (same length), so that numbers inside them are not taken. */
    private static String masked(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        boolean inString = false;
        for (int k = 0; k < line.length(); k++) {
            char ch = line.charAt(k);
            if (!inString && ch == '/' && k + 1 < line.length() && line.charAt(k + 1) == '/') {
                sb.append(" ".repeat(line.length() - k));
                break;
            }
            if (ch == '"' && (k == 0 || line.charAt(k - 1) != '\\')) {
                inString = !inString;
                sb.append(ch);
                continue;
            }
            sb.append(inString ? ' ' : ch);
        }
        return sb.toString();
    }

    /**
     * A decision table written as CSV: the cells of each rule row (numbers moved, the row deleted), the templates of
     * its conditions (comparators flipped), and the Functions row (numbers moved).
     */
    private static void table(List<Mutant> out, String name, String owner, String text) {
        String[] lines = text.split("\n", -1);
        int headerRow = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String first = line.split(",", 2)[0].strip();
            if (first.startsWith("RuleTable")) {
                headerRow = i;
                continue;
            }
            if (first.equals("Functions")) {
                mutateLine(out, name, owner, lines, i, masked(line), "Functions,".length());
                continue;
            }
            if (headerRow < 0) {
                continue;
            }
            int offset = i - headerRow;
            boolean blank = line.replace(",", "").isBlank();
            if (blank && offset != 2) { // the row of object types may be empty (a table of actions only)
                headerRow = -1;
                continue;
            }
            if (offset == 3) { // the templates: comparators of the conditions
                comparators(out, name, owner, lines, i, line, 0);
            } else if (offset >= 5) { // a rule row: its number cells, and the row itself
                List<int[]> cells = cells(line);
                for (int[] cell : cells) {
                    String value = line.substring(cell[0], cell[1]);
                    if (value.matches("\\d+(\\.\\d+)?")) {
                        for (String v : neighbours(value)) {
                            add(out, name, owner, lines, i, line.substring(0, cell[0]) + v + line.substring(cell[1]),
                                    "number");
                        }
                    }
                }
                List<String> copy = new ArrayList<>(List.of(lines));
                boolean onlyRow = offset == 5 && (i + 1 >= lines.length || lines[i + 1].replace(",", "").isBlank());
                // taken out, not blanked: a blank row would end the table; a table's only row goes with its table (a
                // table without rows does not compile)
                for (int k = i; k >= (onlyRow ? headerRow : i); k--) {
                    copy.remove(k);
                }
                String rule = cells.isEmpty() ? line : line.substring(cells.get(0)[0], cells.get(0)[1]);
                out.add(new Mutant(name, owner, i + 1, "“" + rule + "”", "", "delete", String.join("\n", copy)));
            }
        }
    }

    /** The [start, end) of each unquoted cell of a CSV line (quoted cells are text, never numbers). */
    private static List<int[]> cells(String line) {
        List<int[]> out = new ArrayList<>();
        int k = 0;
        while (k <= line.length()) {
            if (k < line.length() && line.charAt(k) == '"') {
                int close = k + 1;
                while (close < line.length()) {
                    if (line.charAt(close) == '"' && (close + 1 >= line.length() || line.charAt(close + 1) != '"')) {
                        break;
                    }
                    close += line.charAt(close) == '"' ? 2 : 1;
                }
                k = line.indexOf(',', close);
                if (k < 0) {
                    break;
                }
                k++;
                continue;
            }
            int end = line.indexOf(',', k);
            if (end < 0) {
                end = line.length();
            }
            out.add(new int[] {k, end});
            k = end + 1;
        }
        return out;
    }

    /** The equivalent mutants listed in the notice's folders: key "file\nline\nmutated" → reason. */
    public static Map<String, String> equivalents(PolicyFiles set) throws PolicyException {
        Map<String, String> out = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (Path layer : set.layers()) {
            Path f = layer.resolve(EQUIVALENT);
            if (!Files.exists(f)) {
                continue;
            }
            try {
                JsonNode list = json.readTree(Files.readString(f, StandardCharsets.UTF_8));
                for (JsonNode n : list) {
                    String reason = n.path("reason").asText("");
                    if (reason.isBlank()) {
                        throw new PolicyException(f + ": every equivalent mutant needs a \"reason\" (" + n + ")");
                    }
                    out.put(key(n.path("file").asText(), n.path("line").asText(), n.path("mutated").asText()), reason);
                }
            } catch (IOException e) {
                throw new PolicyException(f + " cannot be read: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The listed equivalents that are no mutant of these rules any more (the line was edited, the rule moved to another
     * file): each as "file: line → mutated". Only entries of the rules' own files are judged; they hide nothing, but
     * their reasons no longer speak of anything and should go.
     */
    public static List<String> stale(Map<String, String> equivalents, List<Mutant> all) {
        Set<String> files = new java.util.HashSet<>();
        Set<String> keys = new java.util.HashSet<>();
        for (Mutant m : all) {
            files.add(m.file());
            keys.add(key(m.file(), m.original(), m.mutated()));
        }
        List<String> out = new ArrayList<>();
        for (String k : equivalents.keySet()) {
            String[] parts = k.split("\n", 3);
            if (files.contains(parts[0]) && !keys.contains(k)) {
                out.add(parts[0] + ": " + parts[1] + " → " + parts[2]);
            }
        }
        out.sort(null);
        return out;
    }

    private static String key(String file, String line, String mutated) {
        return file + "\n" + line + "\n" + mutated;
    }

    /** The line to paste into equivalent-mutants.json for a surviving mutant that is in truth equivalent. */
    public static String entry(Mutant m) {
        ObjectMapper json = new ObjectMapper();
        var n = json.createObjectNode();
        n.put("file", m.file());
        n.put("line", m.original());
        n.put("mutated", m.mutated());
        n.put("reason", "（为什么这一改动不会改变任何结果）");
        return n.toString();
    }

    /**
     * Runs every mutant, on as many threads as the machine has cores (each mutant compiles and scores on its own;
     * each thread has its own runner from {@code runners}), and gives the results in the order of {@code all}.
     */
    public static List<Result> runAll(PolicyFiles set, List<Mutant> all, List<Scenario> scenarios,
                                      java.util.function.Supplier<ScenarioRunner> runners,
                                      Map<String, String> equivalents) {
        int threads = Math.max(1, Math.min(all.size(), Runtime.getRuntime().availableProcessors()));
        ThreadLocal<ScenarioRunner> runner = ThreadLocal.withInitial(runners);
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            return pool.submit(() -> all.parallelStream()
                    .map(m -> run(set, m, scenarios, runner.get(), equivalents)).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the mutation run was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Runs one mutant: compiles the changed rules (a mutant that does not compile is stillborn) and runs the
     * scenarios under it until one fails or cannot be scored.
     */
    public static Result run(PolicyFiles set, Mutant m, List<Scenario> scenarios, ScenarioRunner runner,
                             Map<String, String> equivalents) {
        Policy policy;
        try {
            policy = PolicyLoader.load(set.with(m.name(), m.kind().equals("delete") && m.text().isBlank() ? null
                    : m.text().getBytes(StandardCharsets.UTF_8)), null);
        } catch (PolicyException e) {
            return new Result(m, Status.STILLBORN, e.getMessage());
        }
        try {
            runner.withPolicy(policy);
            for (Scenario sc : scenarios) {
                ScenarioRunner.Outcome o = runner.run(sc);
                if (o.status() != ScenarioRunner.Status.PASSED) {
                    return new Result(m, Status.KILLED, sc.file().getFileName().toString());
                }
            }
        } finally {
            runner.withPolicy(null);
            runner.release(policy);
        }
        String reason = equivalents.get(key(m.file(), m.original(), m.mutated()));
        return reason != null ? new Result(m, Status.EQUIVALENT, reason) : new Result(m, Status.SURVIVED, null);
    }
}
