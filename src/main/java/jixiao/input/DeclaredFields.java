package jixiao.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jixiao.model.Budget;
import jixiao.model.BudgetLine;
import jixiao.model.CategoryDeclaration;
import jixiao.model.FieldDeclaration;
import jixiao.model.Fields;
import jixiao.model.Indicator;
import jixiao.model.Submission;

/**
 * Reads the fields a notice declares (扣分, 核查分, 核查意见…) with the same strict grammar as the built-in ones: they
 * are taken out of the JSON before the built-in fields are bound (so that anything left over is an unknown field), then
 * read by their declared type and put on their facts. A field that is declared but not filled is simply empty; a
 * required one that is missing, or one that does not read as its type, is refused with its JSON path.
 */
final class DeclaredFields {

    /** The declared fields' raw JSON, by where they were: "$", "$.budget", "$.budget.lines[2]", "$.indicators[0]"… */
    private final Map<String, Map<String, JsonNode>> raw = new LinkedHashMap<>();
    private final Map<String, List<FieldDeclaration>> byOwner = new LinkedHashMap<>();
    private final String notice;

    DeclaredFields(String notice, List<FieldDeclaration> declarations) {
        this.notice = notice;
        for (String owner : FieldDeclaration.OWNERS) {
            byOwner.put(owner, new ArrayList<>());
        }
        declarations.forEach(d -> byOwner.get(d.on()).add(d));
    }

    /** The names declared for one owner (for "expected one of" in an unknown-field error). */
    List<String> namesOn(String owner) {
        return byOwner.get(owner).stream().map(FieldDeclaration::name).toList();
    }

    /** Takes the declared fields out of the submission's JSON (changing it), keeping them to read. */
    void takeFrom(ObjectNode root) {
        take(root, "$", "submission");
        if (root.get("budget") instanceof ObjectNode b) {
            take(b, "$.budget", "budget");
            eachIn(b.get("lines"), "$.budget.lines", "budgetLine");
        }
        eachIn(root.get("categories"), "$.categories", "category");
        eachIn(root.get("indicators"), "$.indicators", "indicator");
    }

    private void eachIn(JsonNode list, String at, String owner) {
        if (list != null && list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof ObjectNode o) {
                    take(o, at + "[" + i + "]", owner);
                }
            }
        }
    }

    private void take(ObjectNode o, String at, String owner) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (FieldDeclaration d : byOwner.get(owner)) {
            JsonNode v = o.remove(d.name());
            if (v != null) {
                found.put(d.name(), v);
            }
        }
        raw.put(at, found);
    }

    /** The submission with every fact's declared fields read and put on it. */
    Submission putOn(String source, Submission s) throws InputException {
        s = s.withFields(read(source, "$", "submission"));
        Budget b = s.budget();
        if (b != null) {
            List<BudgetLine> lines = new ArrayList<>(b.lines().size());
            for (int i = 0; i < b.lines().size(); i++) {
                lines.add(b.lines().get(i).withFields(read(source, "$.budget.lines[" + i + "]", "budgetLine")));
            }
            b = b.withLines(lines).withFields(read(source, "$.budget", "budget"));
        }
        List<CategoryDeclaration> categories = new ArrayList<>(s.categories().size());
        for (int i = 0; i < s.categories().size(); i++) {
            categories.add(s.categories().get(i).withFields(read(source, "$.categories[" + i + "]", "category")));
        }
        List<Indicator> indicators = new ArrayList<>(s.indicators().size());
        for (int i = 0; i < s.indicators().size(); i++) {
            indicators.add(s.indicators().get(i).withFields(read(source, "$.indicators[" + i + "]", "indicator")));
        }
        return s.withParts(b, s.tasks(), indicators).withCategories(categories);
    }

    private Fields read(String source, String at, String owner) throws InputException {
        List<FieldDeclaration> decls = byOwner.get(owner);
        if (decls.isEmpty()) {
            return Fields.NONE;
        }
        Map<String, JsonNode> found = raw.getOrDefault(at, Map.of());
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDeclaration d : decls) {
            JsonNode v = found.get(d.name());
            String path = at + "." + d.name();
            Object read = v == null || v.isNull() || (v.isTextual() && v.asText().isBlank()) ? null
                    : read(source, path, d, v);
            if (read == null && d.isRequired()) {
                throw new InputException(source, path, 0, 0, "required by notice " + notice + " (its field “"
                        + d.name() + "”" + (d.description() == null ? "" : "：" + d.description())
                        + "), but missing or empty");
            }
            if (read != null) {
                values.put(d.name(), read);
            }
        }
        return Fields.declared(decls).with(values);
    }

    private static Object read(String source, String path, FieldDeclaration d, JsonNode v) throws InputException {
        if (v.isContainerNode() || v.isBoolean()) {
            throw new InputException(source, path, 0, 0, "expected " + expected(d.type()) + ", found "
                    + (v.isArray() ? "a list [...]" : v.isObject() ? "an object {...}" : "true/false"));
        }
        String text = v.asText().strip();
        try {
            switch (d.type()) {
                case "number":
                    if (v.isNumber()) {
                        return Cells.checkMagnitude(v.decimalValue(), text);
                    }
                    Cells.Amount a = Cells.amount(text);
                    if (a.unit() != null && !a.unit().dimension().equals("points")) {
                        throw new InputException(source, path, 0, 0, "'" + text + "': expected " + expected("number")
                                + ", found a unit of " + a.unit().dimension() + " ('" + a.unitText() + "')");
                    }
                    return a.number();
                case "value":
                    return Cells.value(text);
                case "date":
                    return date(source, path, text);
                default:
                    return text;
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(source, path, 0, 0, e.getMessage());
        }
    }

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern WRITTEN = Pattern.compile("(\\d{4})\\s*[年./]\\s*(\\d{1,2})\\s*[月./]\\s*(\\d{1,2})\\s*日?");

    private static LocalDate date(String source, String path, String text) throws InputException {
        Matcher m = ISO.matcher(text);
        if (!m.matches()) {
            m = WRITTEN.matcher(text);
        }
        if (m.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                throw new InputException(source, path, 0, 0, "'" + text + "' is not a date of the calendar");
            }
        }
        throw new InputException(source, path, 0, 0, "'" + text + "': expected " + expected("date"));
    }

    private static String expected(String type) {
        return switch (type) {
            case "number" -> "a number such as 2 or 8.5 (分 may follow)";
            case "value" -> "a value such as \"≥95%\", \"6个\" or a word";
            case "date" -> "a date such as 2023-06-30 or 2023年6月30日";
            default -> "text";
        };
    }
}
