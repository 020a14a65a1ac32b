package jixiao.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jixiao.model.FieldDeclaration;

/**
 * The declared fields the rules read ({@code number("扣分")}, {@code text("核查意见")}, {@code has("核查分")}…) checked
 * against the notice's declarations when the rules are loaded: a rule that reads a field nobody declared, or reads a
 * text as a number, is refused with the file and line, not left to fail on the first submission that reaches it.
 */
final class FieldUses {

    private static final Pattern USE = Pattern.compile("\\b(number|value|text|date|has)\\(\\s*\"([^\"]+)\"\\s*\\)");

    private FieldUses() {
    }

    static void check(PolicyFiles set) throws PolicyException {
        Map<String, List<FieldDeclaration>> byName = new HashMap<>();
        for (FieldDeclaration f : set.fields()) {
            byName.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
        }
        List<PolicyProblem> problems = new ArrayList<>();
        for (PolicyFiles.Source s : set.files()) {
            String text = s.name().endsWith(".drl") ? PolicyLinter.withoutComments(s.text())
                    : s.name().endsWith(".csv") ? s.text().replace("\"\"", "\"") // a CSV cell doubles its quotes
                    : null;
            if (text == null) {
                continue; // a spreadsheet: its cells are checked when they are compiled
            }
            String[] lines = text.split("\n", -1);
            for (int n = 0; n < lines.length; n++) {
                Matcher m = USE.matcher(lines[n]);
                while (m.find()) {
                    String accessor = m.group(1);
                    String name = m.group(2);
                    List<FieldDeclaration> decls = byName.get(name);
                    if (decls == null) {
                        problems.add(new PolicyProblem(s.label(), n + 1, accessor + "(\"" + name + "\") reads a field "
                                + "that notice.json does not declare" + (set.fields().isEmpty()
                                ? " (it declares none: add it under \"fields\")"
                                : "; declared: " + String.join("、", byName.keySet())), true));
                    } else if (!accessor.equals("has") && decls.stream().noneMatch(d -> fits(accessor, d.type()))) {
                        problems.add(new PolicyProblem(s.label(), n + 1, accessor + "(\"" + name + "\") reads the field as "
                                + accessor + ", but notice.json declares it as " + decls.get(0).type() + ": read it with "
                                + reader(decls.get(0).type()) + "(\"" + name + "\")", true));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException("the rules of " + set.folder() + " read fields their notice does not declare so:",
                    problems);
        }
    }

    private static boolean fits(String accessor, String type) {
        return accessor.equals(reader(type));
    }

    private static String reader(String type) {
        return type.equals("tier") ? "text" : type;
    }
}
