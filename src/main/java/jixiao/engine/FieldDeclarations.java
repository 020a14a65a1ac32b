package jixiao.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jixiao.model.Budget;
import jixiao.model.BudgetLine;
import jixiao.model.CategoryDeclaration;
import jixiao.model.FieldDeclaration;
import jixiao.model.Indicator;
import jixiao.model.Submission;

/** Checks the fields a notice.json declares: each named once, for a known owner, of a known type, no built-in name. */
final class FieldDeclarations {

    /** Each owner's fact type: its built-in fields are the names a declared field must not take. */
    private static final Map<String, Class<? extends Record>> FACTS = Map.of(
            "submission", Submission.class, "budget", Budget.class, "budgetLine", BudgetLine.class,
            "category", CategoryDeclaration.class, "indicator", Indicator.class);

    private FieldDeclarations() {
    }

    static List<FieldDeclaration> check(Path meta, List<FieldDeclaration> declared) throws PolicyException {
        if (declared == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            FieldDeclaration f = declared.get(i);
            String at = "\"fields\"[" + i + "]";
            if (f == null) {
                problems.add(at + " is null; each field is {\"name\": …, \"on\": …, \"type\": …}");
                continue;
            }
            String name = f.name();
            if (name == null || name.isBlank() || !name.equals(name.strip()) || name.length() > 40
                    || name.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\')) {
                problems.add(at + ": \"name\" must be the field's name as the notice writes it (at most 40 characters,"
                        + " no quotes or spaces around it); it is " + (name == null ? "missing" : "\"" + name + "\""));
                continue;
            }
            if (!FieldDeclaration.OWNERS.contains(f.on())) {
                problems.add(at + " (" + name + "): \"on\" must be one of " + FieldDeclaration.OWNERS + "; it is "
                        + (f.on() == null ? "missing" : "\"" + f.on() + "\""));
                continue;
            }
            if (!FieldDeclaration.TYPES.contains(f.type())) {
                problems.add(at + " (" + name + "): \"type\" must be one of " + FieldDeclaration.TYPES + "; it is "
                        + (f.type() == null ? "missing" : "\"" + f.type() + "\""));
            }
            if (!seen.add(f.on() + "/" + name)) {
                problems.add(at + ": the field " + name + " on " + f.on() + " is declared twice");
            }
            Set<String> builtIn = new HashSet<>();
            for (var c : FACTS.get(f.on()).getRecordComponents()) {
                builtIn.add(c.getName());
            }
            if (builtIn.contains(name)) {
                problems.add(at + ": \"" + name + "\" is a built-in field of " + f.on() + "; a declared field needs "
                        + "another name (the notice's own, e.g. 扣分)");
            }
            for (String t : f.titles()) {
                if (t == null || t.isBlank()) {
                    problems.add(at + " (" + name + "): a title in \"titles\" is empty");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(meta + ": " + String.join("; ", problems));
        }
        return declared;
    }
}
