package jixiao.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import jixiao.model.Value;

/** Reads a target or actual value cell: text such as "≥95%", "6个", "科学", or a bare JSON number. */
final class ValueDeserializer extends StdScalarDeserializer<Value> {

    ValueDeserializer() {
        super(Value.class);
    }

    @Override
    public Value deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            if (t != JsonToken.VALUE_STRING && p.isNaN()) {
                throw JsonMappingException.from(p, "expected a number, found " + p.getText());
            }
            try {
                return Cells.value(p.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
        throw JsonMappingException.from(p, "expected text such as \"≥95%\", \"6个\" or a word, found "
                + LenientDecimalDeserializer.describe(t));
    }
}
