package jixiao.input;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jixiao.model.Budget;
import jixiao.model.BudgetLine;
import jixiao.model.CategoryDeclaration;
import jixiao.model.Indicator;
import jixiao.model.Submission;
import jixiao.model.Task;
import jixiao.model.Value;

/**
 * Reads a submission file (UTF-8 JSON) into facts, or says exactly what is wrong with it: the file, the JSON path,
 * the line and column where known, and what was expected. It checks the shape of the data only; whether the
 * numbers make sense under a notice is for the rules to say.
 */
public final class SubmissionReader {

    /** Files larger than this are refused before parsing. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;
    /** Deeper nesting than this is refused while parsing (a submission needs 4 levels). */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = mapper();

    static ObjectMapper mapper() {
        SimpleModule lenient = new SimpleModule("jixiao-cells");
        lenient.addDeserializer(BigDecimal.class, new LenientDecimalDeserializer());
        lenient.addDeserializer(Value.class, new ValueDeserializer());
        JsonMapper m = JsonMapper.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(lenient)
                .build();
        Mixins.register(m);
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxStringLength(1_000_000).maxNumberLength(100).build());
        return m;
    }

    private SubmissionReader() {
    }

    /** Reads one submission file (only built-in fields). */
    public static Submission read(Path file) throws InputException {
        return read(file, FieldCatalog.NONE);
    }

    /** Reads one submission file, with the fields its notice declares. */
    public static Submission read(Path file, FieldCatalog catalog) throws InputException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputException(name, null, 0, 0, "no such file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InputException(name, null, 0, 0, "the file is " + size + " bytes; a submission may be at most "
                        + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(name, null, 0, 0, "cannot be read: " + e.getMessage());
        }
        String defaultId = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return parse(name, bytes, defaultId, catalog);
    }

    /** Reads a submission from text already in memory (e.g. one line of a JSON Lines file). */
    public static Submission parse(String source, String json, String defaultId) throws InputException {
        return bind(source, json, defaultId, FieldCatalog.NONE);
    }

    /** Reads a submission from text already in memory, with the fields its notice declares. */
    public static Submission parse(String source, String json, String defaultId, FieldCatalog catalog)
            throws InputException {
        return bind(source, json, defaultId, catalog);
    }

    /** Reads a submission from a JSON tree (e.g. inlined in a scenario file). */
    public static Submission fromTree(String source, JsonNode tree, String defaultId) throws InputException {
        return bind(source, tree.toString(), defaultId, FieldCatalog.NONE);
    }

    /** Reads a submission from a JSON tree, with the fields its notice declares. */
    public static Submission fromTree(String source, JsonNode tree, String defaultId, FieldCatalog catalog)
            throws InputException {
        return bind(source, tree.toString(), defaultId, catalog);
    }

    /** The length of a UTF-8 byte-order mark at the start, 0 if none. */
    public static int bomLength(byte[] bytes) {
        return Utf8.bomLength(bytes);
    }

    /** The bytes as strict UTF-8. */
    public static String utf8(byte[] bytes, int from, int length) throws java.nio.charset.CharacterCodingException {
        try {
            return Utf8.decode(bytes, from, length);
        } catch (Utf8.NotUtf8 e) {
            throw new java.nio.charset.CharacterCodingException();
        }
    }

    /** Reads a submission from its bytes (a file's, or a request body's): strict UTF-8, a byte-order mark skipped. */
    public static Submission parse(String source, byte[] bytes, String defaultId) throws InputException {
        return bind(source, text(source, bytes), defaultId, FieldCatalog.NONE);
    }

    /** Reads a submission from its bytes, with the fields its notice declares. */
    public static Submission parse(String source, byte[] bytes, String defaultId, FieldCatalog catalog)
            throws InputException {
        return bind(source, text(source, bytes), defaultId, catalog);
    }

    /**
     * A submission's bytes as a JSON object, read as strictly as {@link #parse(String, byte[], String)} reads them
     * (for a caller that must change or keep the tree before binding it, e.g. to set its notice).
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode tree(String source, byte[] bytes)
            throws InputException {
        String text = text(source, bytes);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw translate(source, e);
        }
        if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            return o;
        }
        fromTree(source, tree, source); // the reader's own words for what it is instead
        throw new InputException(source, "$", 0, 0, "a submission is a JSON object {...}");
    }

    /** The bytes as the text of a JSON submission, or why they are not. */
    private static String text(String source, byte[] bytes) throws InputException {
        if (bytes.length == 0) {
            throw new InputException(source, null, 0, 0, "the file is empty; expected a JSON object {...}");
        }
        int start = Utf8.bomLength(bytes); // a UTF-8 byte order mark, as Windows editors write it: harmless, skipped
        String text;
        try {
            text = Utf8.decode(bytes, start, bytes.length - start);
        } catch (Utf8.NotUtf8 e) {
            if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE
                    || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF)) {
                throw new InputException(source, null, 0, 0, "is UTF-16 text, not UTF-8; save it as UTF-8 and try again");
            }
            throw new InputException(source, null, e.line, 0, "is not UTF-8 text (perhaps GBK, as Excel saves on "
                    + "Chinese Windows); save it as UTF-8 and try again");
        }
        if (text.isBlank()) {
            throw new InputException(source, null, 0, 0, "the file holds only white space; expected a JSON object {...}");
        }
        return text;
    }

    /**
     * Binds the built-in fields straight from the text (the common case, with exact lines and columns in errors). Only
     * when that meets a field it does not know, and the submission's notice declares fields, is the text read again as
     * a tree, the declared fields taken out and read by their types, and the rest bound.
     */
    private static Submission bind(String source, String text, String defaultId, FieldCatalog catalog)
            throws InputException {
        Submission s;
        Map<String, Units.Unit> amountUnits = new java.util.LinkedHashMap<>();
        DeclaredFields declared = null;
        try {
            s = MAPPER.readerFor(Submission.class)
                    .withAttribute(LenientDecimalDeserializer.AMOUNT_UNITS, amountUnits).readValue(text);
        } catch (JsonProcessingException e) {
            // a syntax, depth or length problem anywhere in the file explains a binding error better than the
            // binding error itself (which may stop at the first wrongly typed field): look for one first
            JsonProcessingException syntax = scan(text);
            if (syntax != null) {
                throw translate(source, syntax);
            }
            if (!(e instanceof UnrecognizedPropertyException) || catalog == FieldCatalog.NONE) {
                throw translate(source, e);
            }
            JsonNode tree;
            try {
                tree = MAPPER.readTree(text);
            } catch (JsonProcessingException again) {
                throw translate(source, again);
            }
            String notice = tree.path("notice").isTextual() ? tree.path("notice").asText() : null;
            declared = declared(notice, catalog);
            if (declared == null || !(tree instanceof com.fasterxml.jackson.databind.node.ObjectNode root)) {
                throw unknownField(source, (UnrecognizedPropertyException) e, notice, declared);
            }
            declared.takeFrom(root);
            amountUnits.clear();
            try {
                s = MAPPER.readerFor(Submission.class)
                        .withAttribute(LenientDecimalDeserializer.AMOUNT_UNITS, amountUnits).readValue(root);
            } catch (UnrecognizedPropertyException u) {
                throw unknownField(source, u, notice, declared);
            } catch (IOException bound) {
                throw bound instanceof JsonProcessingException j ? translate(source, j)
                        : new InputException(source, null, 0, 0, bound.getMessage());
            }
        }
        if (s == null) {
            throw new InputException(source, "$", 0, 0, "expected a JSON object {...}, found null");
        }
        if (declared == null && catalog != FieldCatalog.NONE) {
            declared = declared(s.notice(), catalog); // declared fields, none of them filled
        }
        s = Names.normalise(s);
        validate(source, s);
        s = UnitConversion.apply(source, s, amountUnits);
        s = DatesInYear.apply(s);
        if (declared != null) {
            s = declared.putOn(source, s);
        }
        if (s.id() == null || s.id().isBlank()) {
            s = s.withId(defaultId);
        }
        return s;
    }

    /** The fields the notice declares, or null when it declares none. */
    private static DeclaredFields declared(String notice, FieldCatalog catalog) {
        List<jixiao.model.FieldDeclaration> fields = notice == null && catalog == FieldCatalog.NONE ? List.of()
                : catalog.fieldsOf(notice);
        return fields == null || fields.isEmpty() ? null : new DeclaredFields(notice, fields);
    }

    /** An unknown field, named with the built-in fields and those the notice declares where it stands. */
    private static InputException unknownField(String source, UnrecognizedPropertyException u, String notice,
                                               DeclaredFields declared) {
        InputException plain = translate(source, u);
        String owner = ownerOf(u.getPath());
        List<String> mine = declared == null || owner == null ? List.of() : declared.namesOn(owner);
        String more = owner == null ? "" : mine.isEmpty()
                ? "; notice " + notice + " declares no further fields here (a notice declares them in its "
                        + "notice.json, under \"fields\")"
                : "; or one notice " + notice + " declares: " + String.join(", ", mine);
        return new InputException(source, plain.getJsonPath(), plain.getLine(), plain.getColumn(),
                plain.getProblem() + more);
    }

    /** What kind of fact the object at the end of a path is: "indicator" for $.indicators[3], null for a task. */
    private static String ownerOf(List<JsonMappingException.Reference> refs) {
        StringBuilder names = new StringBuilder();
        for (JsonMappingException.Reference r : refs.subList(0, Math.max(0, refs.size() - 1))) { // the last: the field
            if (r.getFieldName() != null) {
                names.append('/').append(r.getFieldName());
            }
        }
        return switch (names.toString()) {
            case "" -> "submission";
            case "/budget" -> "budget";
            case "/budget/lines" -> "budgetLine";
            case "/categories" -> "category";
            case "/indicators" -> "indicator";
            default -> null;
        };
    }

    /** Reads every token of the text; the first syntax, depth or length problem, or null. */
    private static JsonProcessingException scan(String text) {
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(text)) {
            while (p.nextToken() != null) {
                // only reading
            }
            return null;
        } catch (JsonProcessingException e) {
            return e;
        } catch (IOException e) {
            return null;
        }
    }

    private static InputException translate(String source, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int col = loc == null ? 0 : loc.getColumnNr();
        if (e instanceof StreamConstraintsException) {
            String m = String.valueOf(e.getOriginalMessage());
            String what = m.contains("nesting depth") ? "the JSON is nested too deeply: at most " + MAX_DEPTH
                    + " levels of [...] and {...} are allowed"
                    : m.contains("Number") ? "a number is too long: at most 100 digits are allowed"
                    : "a text value is too long: at most 1,000,000 characters are allowed";
            return new InputException(source, null, line, col, what);
        }
        if (e instanceof JsonParseException || e.getCause() instanceof JsonParseException) {
            String msg = clean(e.getOriginalMessage());
            if (msg != null && msg.contains("Unexpected end-of-input")) {
                msg = "the JSON ends too early (a bracket or quote is not closed)";
            }
            return new InputException(source, null, line, col, "invalid JSON: " + msg);
        }
        if (e instanceof JsonMappingException m) {
            String path = path(m.getPath());
            if (m instanceof UnrecognizedPropertyException u) {
                return new InputException(source, path, line, col, "unknown field \"" + u.getPropertyName()
                        + "\"; expected one of: " + known(u.getKnownPropertyIds()));
            }
            String msg = clean(m.getOriginalMessage());
            if (m instanceof MismatchedInputException mi && mi.getTargetType() != null
                    && (msg == null || msg.startsWith("Cannot") || msg.startsWith("Unexpected"))) {
                msg = "expected " + expected(mi.getTargetType()) + (msg != null && msg.contains("from ")
                        ? ", found " + found(msg) : "");
            }
            return new InputException(source, path, line, col, msg);
        }
        return new InputException(source, null, line, col, String.valueOf(e.getOriginalMessage()));
    }

    /** Jackson's message without its notes on where the source is (the caller says that better). */
    private static String clean(String msg) {
        if (msg == null) {
            return "";
        }
        return msg.replaceAll(":?\\s*enable `[^`]*` to allow", "; JSON has no such value, write a number")
                .replaceAll("\\s*\\(for \\w+ starting at \\[Source:[^\\]]*\\][^)]*\\)", "")
                .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "")
                .strip();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : ids.stream().map(String::valueOf).filter(id -> !id.equals("fields")).sorted()
                .collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (Collection.class.isAssignableFrom(type)) {
            return "a list [...]";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "an object {...}";
    }

    private static String found(String jacksonMessage) {
        if (jacksonMessage.contains("START_ARRAY") || jacksonMessage.contains("from Array")) {
            return "a list [...]";
        }
        if (jacksonMessage.contains("START_OBJECT") || jacksonMessage.contains("from Object")) {
            return "an object {...}";
        }
        if (jacksonMessage.contains("from String") || jacksonMessage.contains("VALUE_STRING")) {
            return "text";
        }
        if (jacksonMessage.contains("Boolean") || jacksonMessage.contains("VALUE_TRUE")
                || jacksonMessage.contains("VALUE_FALSE")) {
            return "true/false";
        }
        if (jacksonMessage.contains("Number") || jacksonMessage.contains("VALUE_NUMBER")) {
            return "a number";
        }
        return "something else";
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                sb.append('.').append(r.getFieldName());
            }
        }
        return sb.toString();
    }

    // ---- shape checks that JSON binding cannot express ----

    private static void validate(String source, Submission s) throws InputException {
        required(source, "$.notice", s.notice());
        if (s.indicators().isEmpty()) {
            throw new InputException(source, "$.indicators", 0, 0, "required: a list of the table's indicators, "
                    + "each with category, name, target, actual and points");
        }
        nonNegative(source, "$.claimedTotal", s.claimedTotal());
        validateIndicators(source, s.indicators());
        validateCategories(source, s.categories());
        if (s.budget() != null) {
            validateBudget(source, s.budget());
        }
        validateTasks(source, s.tasks());
    }

    private static void validateIndicators(String source, List<Indicator> indicators) throws InputException {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < indicators.size(); i++) {
            String at = "$.indicators[" + i + "]";
            Indicator ind = present(source, at, indicators.get(i));
            required(source, at + ".category", ind.category());
            required(source, at + ".name", ind.name());
            required(source, at + ".target", ind.target());
            required(source, at + ".actual", ind.actual());
            required(source, at + ".points", ind.points());
            nonNegative(source, at + ".points", ind.points());
            nonNegative(source, at + ".claimed", ind.claimed());
            nonNegative(source, at + ".evaluatorScore", ind.evaluatorScore());
            once(source, at, seen, Names.key(ind.category()) + "/" + Names.key(ind.group()) + "/"
                    + Names.key(ind.name()), i, "the indicator " + ind.path() + " appears twice");
        }
    }

    private static void validateCategories(String source, List<CategoryDeclaration> categories)
            throws InputException {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            String at = "$.categories[" + i + "]";
            CategoryDeclaration c = present(source, at, categories.get(i));
            required(source, at + ".name", c.name());
            nonNegative(source, at + ".weight", c.weight());
            once(source, at, seen, Names.key(c.name()), i, "the category " + c.name() + " is declared twice");
        }
    }

    private static void validateBudget(String source, Budget b) throws InputException {
        nonNegative(source, "$.budget.points", b.points());
        nonNegative(source, "$.budget.claimed", b.claimed());
        for (int i = 0; i < b.lines().size(); i++) {
            String at = "$.budget.lines[" + i + "]";
            BudgetLine l = present(source, at, b.lines().get(i));
            required(source, at + ".name", l.name());
            nonNegative(source, at + ".initial", l.initial());
            nonNegative(source, at + ".annual", l.annual());
            nonNegative(source, at + ".executed", l.executed());
        }
    }

    private static void validateTasks(String source, List<Task> tasks) throws InputException {
        for (int i = 0; i < tasks.size(); i++) {
            String at = "$.tasks[" + i + "]";
            Task t = present(source, at, tasks.get(i));
            required(source, at + ".name", t.name());
            nonNegative(source, at + ".budget", t.budget());
            nonNegative(source, at + ".executed", t.executed());
        }
    }

    /** An element of a list that must be an object, not null. */
    private static <T> T present(String source, String at, T element) throws InputException {
        if (element == null) {
            throw new InputException(source, at, 0, 0, "expected an object {...}, found null");
        }
        return element;
    }

    /** A key seen for the first time at index i; a second time is an error naming both places. */
    private static void once(String source, String at, Map<String, Integer> seen, String key, int i, String what)
            throws InputException {
        Integer before = seen.putIfAbsent(key, i);
        if (before != null) {
            throw new InputException(source, at, 0, 0, what + ": also at " + at.replaceFirst("\\[\\d+]$", "")
                    + "[" + before + "]");
        }
    }

    private static void required(String source, String path, Object value) throws InputException {
        if (value == null || (value instanceof String str && str.isBlank())) {
            throw new InputException(source, path, 0, 0, "required, but missing or empty" + whatToType(path));
        }
    }

    /** What to write in a required field left empty, by the field's name. */
    private static String whatToType(String path) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        return switch (field) {
            case "target" -> ": write the target set at the start of the year (指标值), a figure such as ≥95% or 6个, "
                    + "or a word such as 合格";
            case "actual" -> ": write what was achieved (实际完成值), a figure such as 98% or 6个, or a word";
            case "points" -> ": write the indicator's points (分值), a number such as 10; a row that does not apply "
                    + "is written with / in 指标值, 实际完成值 and 分值";
            case "name" -> ": write the indicator's name (三级指标)";
            case "category" -> ": write the first-level indicator (一级指标) the row belongs to";
            default -> "";
        };
    }

    private static void nonNegative(String source, String path, BigDecimal value) throws InputException {
        if (value != null && value.signum() < 0) {
            throw new InputException(source, path, 0, 0, "must not be negative, found " + value.toPlainString());
        }
    }
}
