package jixiao.model;

import java.util.List;

/**
 * A field that a notice's submissions carry besides the built-in ones (扣分, 核查分, 核查意见…), as the notice declares it
 * in its {@code notice.json} under {@code "fields"}: its name as tables and rules write it, what it belongs to, what
 * kind of value it holds, whether it must be filled, and the column titles it goes by in tables.
 *
 * @param name        the field's name (Chinese, as the notice writes it); the key in JSON and in rules
 * @param on          what it belongs to: one of {@link #OWNERS}
 * @param type        what it holds: one of {@link #TYPES}
 * @param required    whether every submission must fill it (a missing one is refused when read); null is false
 * @param titles      the column titles (and the labels of a line) it goes by in tables; empty: its name only
 * @param description what it means, for the workbench and the docs
 */
public record FieldDeclaration(String name, String on, String type, Boolean required, List<String> titles,
                               String description) {

    /** What a field may belong to: the submission, its budget block, a budget line, a category, an indicator. */
    public static final List<String> OWNERS = List.of("submission", "budget", "budgetLine", "category", "indicator");
    /**
     * What a field may hold: a number (扣分 2, 核查分 8.5), a value with comparator and unit read by the value grammar
     * (≥95%), text (核查意见), a tier's name (which names are tiers is the rules' to say), a date (2023-06-30).
     */
    public static final List<String> TYPES = List.of("number", "value", "text", "tier", "date");

    public FieldDeclaration {
        titles = titles == null ? List.of() : List.copyOf(titles);
    }

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    /** The titles a table column of this field may have: the declared ones, or else its name. */
    public List<String> columnTitles() {
        if (titles.isEmpty()) {
            return List.of(name);
        }
        return titles.contains(name) ? titles : java.util.stream.Stream.concat(java.util.stream.Stream.of(name),
                titles.stream()).toList();
    }

    /** The Java type a rule reads it as. */
    public Class<?> javaType() {
        return switch (type) {
            case "number" -> java.math.BigDecimal.class;
            case "value" -> Value.class;
            case "date" -> java.time.LocalDate.class;
            default -> String.class;
        };
    }
}
