package jixiao.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notice-declared fields of one fact (a submission, its budget, a budget line, a category, an indicator): the
 * values read for them, by name, and the names declared for that kind of fact, so that a rule that asks for a field
 * the notice does not declare is told so rather than given nothing.
 *
 * <p>Rules read them with the fact's accessors, e.g. {@code Indicator( number("扣分") > 0 )},
 * {@code Indicator( text("核查意见") == null )}, {@code Indicator( has("核查分") )}.
 */
public final class Fields {

    /**
     * No declared fields: a fact built in code (by a rule, or a probe), or of a notice that declares none. Every field
     * reads as empty; that the rules name only declared fields is checked when they are loaded.
     */
    public static final Fields NONE = new Fields(Map.of(), Map.of());

    /** name → value (BigDecimal, Value, String or LocalDate); only fields that were filled. */
    private final Map<String, Object> values;
    /** name → type, for every field declared for this kind of fact. */
    private final Map<String, String> declared;

    public Fields(Map<String, Object> values, Map<String, String> declared) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.declared = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
    }

    /** The fields of one kind of fact as declared, all empty. */
    public static Fields declared(List<FieldDeclaration> declarations) {
        Map<String, String> d = new LinkedHashMap<>();
        declarations.forEach(f -> d.put(f.name(), f.type()));
        return new Fields(Map.of(), d);
    }

    /** The same declarations with these values (each of the declared type). */
    public Fields with(Map<String, Object> newValues) {
        return new Fields(newValues, declared);
    }

    /** Whether the field is filled. */
    public boolean has(String name) {
        check(name, null);
        return values.containsKey(name);
    }

    /** A number field (type number), or null when it is not filled. */
    public BigDecimal number(String name) {
        return (BigDecimal) get(name, "number");
    }

    /** A value field (type value: comparator, number, unit), or null when it is not filled. */
    public Value value(String name) {
        return (Value) get(name, "value");
    }

    /** A text or tier field, or null when it is not filled. */
    public String text(String name) {
        return (String) get(name, "text");
    }

    /** A date field, or null when it is not filled. */
    public LocalDate date(String name) {
        return (LocalDate) get(name, "date");
    }

    /** The filled fields in declaration order, name → value. */
    public Map<String, Object> values() {
        return values;
    }

    /** The declared fields, name → type. */
    public Map<String, String> declaredTypes() {
        return declared;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private Object get(String name, String type) {
        check(name, type);
        return values.get(name);
    }

    private void check(String name, String type) {
        String t = declared.get(name);
        if (t == null && declared.isEmpty()) {
            return; // a fact the rules built themselves (a row worked out from the budget table): nothing filled
        }
        if (t == null) {
            throw new IllegalArgumentException("“" + name + "”不是本通知为此声明的字段" + (declared.isEmpty()
                    ? "（本通知没有为此声明字段）" : "；已声明：" + String.join("、", declared.keySet()))
                    + "（见 notice.json 的 fields）");
        }
        if (type != null && !t.equals(type) && !(type.equals("text") && t.equals("tier"))) {
            throw new IllegalArgumentException("字段“" + name + "”声明为 " + t + "，不能按 " + type + " 读取");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fields f && f.values.equals(values) && f.declared.equals(declared);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + declared.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
