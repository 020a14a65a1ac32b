package jixiao.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.Normalizer;

/**
 * Reads points, scores and amounts: a JSON number, or text holding one as spreadsheets export it
 * ({@code "10"}, {@code "１０"}, {@code "2 分"}, {@code "701.61万元"}). Anything else is an error that says what was
 * expected. NaN and infinities are refused.
 */
final class LenientDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

    private static final String[] ALLOWED_UNITS = {"分", "万元", "元"};

    LenientDecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            if (p.isNaN()) {
                throw JsonMappingException.from(p, "expected a number, found " + p.getText());
            }
            return p.getDecimalValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            String raw = p.getText();
            BigDecimal d = parse(raw);
            if (d == null) {
                throw JsonMappingException.from(p, "expected a number such as 10 or \"10\", found \"" + raw + "\"");
            }
            return d;
        }
        throw JsonMappingException.from(p, "expected a number such as 10, found " + describe(t));
    }

    static BigDecimal parse(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).replaceAll("\\s+", "");
        for (String unit : ALLOWED_UNITS) {
            if (s.endsWith(unit)) {
                s = s.substring(0, s.length() - unit.length());
                break;
            }
        }
        if (!s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            return null;
        }
        return new BigDecimal(s);
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
