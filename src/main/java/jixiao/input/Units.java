package jixiao.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The units a table may write after a number, read from the data file {@code jixiao/units.json}: each with its
 * dimension and its factor to the dimension's base unit, plus prefixes such as 万 that multiply a prefixable unit.
 * Converting between units of one dimension uses only these factors; nothing about units is written in code.
 */
public final class Units {

    /** A unit as the table knows it. */
    public record Unit(String name, String dimension, BigDecimal factor, BigDecimal divisor) {
    }

    private static final Units DEFAULT = load("/jixiao/units.json");

    private final Map<String, Unit> bySpelling;
    private final List<String> spellingsLongestFirst;
    private final java.util.Map<Character, List<String>> byFirstChar = new java.util.HashMap<>();

    private Units(Map<String, Unit> bySpelling) {
        this.bySpelling = bySpelling;
        this.spellingsLongestFirst = new ArrayList<>(bySpelling.keySet());
        spellingsLongestFirst.sort(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
        // the spellings that can start at a character, longest first: a cell is read without trying every unit
        for (String spelling : spellingsLongestFirst) {
            byFirstChar.computeIfAbsent(spelling.charAt(0), c -> new ArrayList<>()).add(spelling);
        }
    }

    public static Units standard() {
        return DEFAULT;
    }

    static Units load(String resource) {
        try (InputStream in = Units.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Unit> units = new HashMap<>();
            Map<String, BigDecimal> prefixes = new HashMap<>();
            root.path("prefixes").fields().forEachRemaining(e -> prefixes.put(e.getKey(), e.getValue().decimalValue()));
            for (JsonNode u : root.path("units")) {
                String f = u.path("factor").asText();
                int slash = f.indexOf('/');
                Unit unit = new Unit(u.path("unit").asText(), u.path("dimension").asText(),
                        new BigDecimal(slash < 0 ? f : f.substring(0, slash)),
                        slash < 0 ? BigDecimal.ONE : new BigDecimal(f.substring(slash + 1)));
                List<String> spellings = new ArrayList<>();
                spellings.add(unit.name());
                u.path("aliases").forEach(a -> spellings.add(a.asText()));
                for (String s : spellings) {
                    units.putIfAbsent(s, unit);
                }
                if (u.path("prefixable").asBoolean(false)) {
                    for (Map.Entry<String, BigDecimal> p : prefixes.entrySet()) {
                        for (String s : spellings) {
                            units.putIfAbsent(p.getKey() + s, new Unit(p.getKey() + unit.name(), unit.dimension(),
                                    unit.factor().multiply(p.getValue()), unit.divisor()));
                        }
                    }
                }
            }
            return new Units(Map.copyOf(units));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The unit written exactly so, or null. A compound unit (万元/公里, 元/人, 元/平方米) is known when both its parts
     * are: its dimension is theirs (money/length) and its factor theirs divided, so that 35万元/公里 converts to
     * 350元/米 as any unit does.
     */
    public Unit get(String spelling) {
        Unit u = bySpelling.get(spelling);
        if (u != null || spelling == null) {
            return u;
        }
        int slash = spelling.indexOf('/');
        if (slash <= 0 || slash != spelling.lastIndexOf('/') || slash == spelling.length() - 1) {
            return null;
        }
        Unit per = bySpelling.get(spelling.substring(0, slash));
        Unit of = bySpelling.get(spelling.substring(slash + 1));
        if (per == null || of == null) {
            return null;
        }
        return new Unit(per.name() + "/" + of.name(), per.dimension() + "/" + of.dimension(),
                per.factor().multiply(of.divisor()), per.divisor().multiply(of.factor()));
    }

    /** The longest unit spelling that {@code text} starts with at {@code from}, or null. */
    String longestAt(String text, int from) {
        if (from >= text.length()) {
            return null;
        }
        for (String s : byFirstChar.getOrDefault(text.charAt(from), List.of())) {
            if (text.startsWith(s, from)) {
                return s;
            }
        }
        return null;
    }

    /** {@code x} in unit {@code from} expressed in unit {@code to} (same dimension). */
    public static BigDecimal convert(BigDecimal x, Unit from, Unit to) {
        BigDecimal num = from.factor().multiply(to.divisor());
        BigDecimal den = from.divisor().multiply(to.factor());
        if (x == null || num.compareTo(den) == 0) {
            return x;
        }
        BigDecimal r = x.multiply(num).divide(den, MathContext.DECIMAL128).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }
}
