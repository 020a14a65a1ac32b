package jixiao.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Reads points, scores and amounts: a JSON number, or text holding one as spreadsheets export it
 * ({@code "10"}, {@code "１０"}, {@code "2 分"}, {@code "1,000.00"}, {@code "701.61万元"}), by the value grammar of
 * {@link Cells}. Points take no unit but 分; amounts take a unit of money, which is remembered (under the field's JSON
 * pointer) so that the reader can convert it to the table's unit. Anything else is an error that says what was
 * expected. NaN, infinities and absurd magnitudes are refused.
 */
final class LenientDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

    /** The context attribute holding, per JSON pointer, the unit an amount was written in. */
    static final String AMOUNT_UNITS = "jixiao.amountUnits";
    /** Fields that hold amounts of money (in the budget's unit); all other numbers are points or counts. */
    static final Set<String> MONEY = Set.of("initial", "annual", "executed", "budget", "fiscalBudget", "fiscalExecuted");

    LenientDecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        try {
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                if (p.isNaN()) {
                    throw JsonMappingException.from(p, "expected a number, found " + p.getText());
                }
                return Cells.checkMagnitude(p.getDecimalValue(), p.getText());
            }
            if (t == JsonToken.VALUE_STRING) {
                return amount(p, ctxt, p.getText());
            }
        } catch (Cells.CellException e) {
            throw JsonMappingException.from(p, e.getMessage());
        }
        throw JsonMappingException.from(p, "expected a number such as 10, found " + describe(t));
    }

    @SuppressWarnings("unchecked")
    private static BigDecimal amount(JsonParser p, DeserializationContext ctxt, String raw) throws IOException {
        Cells.Amount a = Cells.amount(raw);
        String field = p.currentName();
        boolean money = field != null && MONEY.contains(field);
        if (a.unit() == null) {
            return a.number();
        }
        String dimension = a.unit().dimension();
        if (money && dimension.equals("money")) {
            Object units = ctxt.getAttribute(AMOUNT_UNITS);
            if (units instanceof Map<?, ?> m) {
                ((Map<String, Units.Unit>) m).put(p.getParsingContext().pathAsPointer().toString(), a.unit());
            }
            return a.number();
        }
        if (!money && dimension.equals("points")) {
            return a.number();
        }
        throw JsonMappingException.from(p, "'" + raw + "': expected " + (money ? "an amount of money (元, 万元 …)"
                : "points (a number, or a number of 分)") + ", found a unit of " + dimension + " ('" + a.unitText() + "')");
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        switch (t) {
            case START_OBJECT:
                return "an object {...}";
            case START_ARRAY:
                return "a list [...]";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "true/false";
            case VALUE_NULL:
                return "null";
            case VALUE_STRING:
                return "text";
            default:
                return "a number";
        }
    }
}
