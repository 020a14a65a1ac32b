package jixiao.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jixiao.input.InputException;

/**
 * Reads scenario files ({@code *.scenario.json}). The format is described in docs/scenarios.md.
 *
 * <pre>
 * { "description": "...",
 *   "submission": "justice-bureau-2021.json"  (a path relative to this file, or an inline object),
 *   "changes": [ { "indicator": "CATEGORY/GROUP/NAME", "set": { "actual": "80%" } },
 *                { "indicator": "...", "remove": true },
 *                { "add": { ...an indicator... } },
 *                { "set": { "claimedTotal": 95 } } ],
 *   "rules": "../../rules/shangjie-2021"      (optional),
 *   "expect": { ... } }
 * </pre>
 */
public final class ScenarioReader {

    public static final String SUFFIX = ".scenario.json";
    private static final Set<String> FIELDS = Set.of("description", "submission", "changes", "rules", "expect",
            "advice");
    private static final Set<String> EXPECT_FIELDS = Set.of("total", "grade", "categories", "indicators",
            "findings", "noFindings", "findingCount", "categoryOrder");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ScenarioReader() {
    }

    public static Scenario read(Path file) throws InputException {
        String name = file.toString();
        JsonNode root = readJson(file);
        if (!root.isObject()) {
            throw new InputException(name, "$", 0, 0, "a scenario is a JSON object {...}");
        }
        onlyKnown(name, "$.", root, FIELDS, "unknown field");
        JsonNode expect = root.get("expect");
        if (expect == null || !expect.isObject() || expect.isEmpty()) {
            throw new InputException(name, "$.expect", 0, 0, "required: an object saying what to check, e.g. "
                    + "{\"total\": 99.11, \"grade\": \"优\"}");
        }
        onlyKnown(name, "$.expect.", expect, EXPECT_FIELDS, "unknown expectation");
        nestedKnown(name, expect);
        Set<Path> inputs = new LinkedHashSet<>();
        inputs.add(file.toAbsolutePath().normalize());
        ObjectNode submission = submission(file, root.get("submission"), inputs);
        ObjectNode beforeAdvice = applyChanges(name, root, expect, submission);
        Path rules = null;
        JsonNode r = root.get("rules");
        if (r != null) {
            if (!r.isTextual()) {
                throw new InputException(name, "$.rules", 0, 0, "expected the path of a policy folder");
            }
            rules = resolve(file, r.asText());
        }
        JsonNode d = root.get("description");
        String description = d == null ? "" : d.asText();
        return new Scenario(file, description, submission, rules, expect, inputs, beforeAdvice);
    }

    private static final Set<String> CATEGORY_FIELDS = Set.of("score", "weight", "applicable", "weightRules", "says",
            "explanation");
    private static final Set<String> INDICATOR_FIELDS = Set.of("score", "tier", "rule", "says", "explanation");
    private static final Set<String> TOTAL_FIELDS = Set.of("score", "says", "explanation");
    private static final Set<String> FINDING_FIELDS = Set.of("code", "indicator", "severity", "says", "claimed",
            "recomputed");

    /**
     * The keys inside categories, indicators, findings and noFindings: a misspelt one ("weigth") would check nothing
     * and the scenario would pass, so it is refused, with the keys that are checked.
     */
    private static void nestedKnown(String name, JsonNode expect) throws InputException {
        JsonNode total = expect.get("total");
        if (total != null && total.isObject()) {
            onlyKnown(name, "$.expect.total.", total, TOTAL_FIELDS, "unknown expectation");
        } else if (total != null && !total.isNumber() && !total.isNull()) {
            throw new InputException(name, "$.expect.total", 0, 0, "expected a total (a number) or an object of "
                    + String.join(", ", TOTAL_FIELDS.stream().sorted().toList()));
        }
        for (String block : new String[] {"categories", "indicators"}) {
            JsonNode b = expect.get(block);
            if (b == null) {
                continue;
            }
            if (!b.isObject()) {
                throw new InputException(name, "$.expect." + block, 0, 0, "expected an object {\"name\": …}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = "$.expect." + block + "[\"" + e.getKey() + "\"]";
                if (e.getValue().isObject()) {
                    onlyKnown(name, at + ".", e.getValue(), block.equals("categories") ? CATEGORY_FIELDS
                            : INDICATOR_FIELDS, "unknown expectation");
                } else if (!e.getValue().isNumber()) {
                    throw new InputException(name, at, 0, 0, "expected a score (a number) or an object of "
                            + String.join(", ", (block.equals("categories") ? CATEGORY_FIELDS : INDICATOR_FIELDS)
                            .stream().sorted().toList()));
                }
            }
        }
        for (String block : new String[] {"findings", "noFindings"}) {
            JsonNode b = expect.get(block);
            if (b == null) {
                continue;
            }
            if (!b.isArray()) {
                throw new InputException(name, "$.expect." + block, 0, 0, "expected a list of codes or of objects "
                        + "{\"code\": …, \"indicator\": …, \"severity\": …, \"says\": …}");
            }
            for (int i = 0; i < b.size(); i++) {
                String at = "$.expect." + block + "[" + i + "]";
                if (b.get(i).isObject()) {
                    onlyKnown(name, at + ".", b.get(i), FINDING_FIELDS, "unknown expectation");
                    if (b.get(i).isEmpty()) {
                        throw new InputException(name, at, 0, 0, "an empty object would match any finding: give a "
                                + "code, an indicator or a severity");
                    }
                } else if (!b.get(i).isTextual()) {
                    throw new InputException(name, at, 0, 0, "expected a code (text) or an object {\"code\": …}");
                }
            }
        }
    }

    private static void onlyKnown(String name, String at, JsonNode node, Set<String> known, String what)
            throws InputException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new InputException(name, at + f, 0, 0, what + " \"" + f + "\"; expected one of: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** The submission: a file relative to the scenario (added to its inputs), or an object written inline. */
    private static ObjectNode submission(Path file, JsonNode sub, Set<Path> inputs) throws InputException {
        String name = file.toString();
        if (sub == null) {
            throw new InputException(name, "$.submission", 0, 0, "required: a submission file (a path relative to "
                    + "this scenario) or a submission object {...}");
        }
        if (sub.isObject()) {
            return (ObjectNode) sub.deepCopy();
        }
        if (!sub.isTextual()) {
            throw new InputException(name, "$.submission", 0, 0, "expected a path or an object {...}");
        }
        Path subFile = resolve(file, sub.asText());
        inputs.add(subFile.toAbsolutePath().normalize());
        JsonNode tree;
        try {
            tree = readJson(subFile);
        } catch (InputException e) {
            throw new InputException(name, "$.submission", 0, 0, "the submission cannot be read: " + e.getMessage());
        }
        if (!tree.isObject()) {
            throw new InputException(name, "$.submission", 0, 0, subFile + " does not hold a JSON object");
        }
        return (ObjectNode) tree;
    }

    /**
     * Applies the changes to the submission, in order; with "advice": N, returns the submission as it was before
     * the last N changes (else null).
     */
    private static ObjectNode applyChanges(String name, JsonNode root, JsonNode expect, ObjectNode submission)
            throws InputException {
        JsonNode changes = root.get("changes");
        int count = changes == null ? 0 : changes.size();
        JsonNode adviceNode = root.get("advice");
        int advice = adviceNode == null ? 0 : adviceNode.asInt(-1);
        if (adviceNode != null && (!adviceNode.isInt() || advice < 1 || advice > count)) {
            throw new InputException(name, "$.advice", 0, 0, "expected how many of the last changes follow a "
                    + "rejection's advice: a whole number from 1 to " + count);
        }
        if (advice > 0 && !expect.has("noFindings")) {
            throw new InputException(name, "$.expect.noFindings", 0, 0, "with \"advice\", list under noFindings the "
                    + "codes of the rejections whose advice the last changes follow");
        }
        if (changes == null) {
            return null;
        }
        if (!changes.isArray()) {
            throw new InputException(name, "$.changes", 0, 0, "expected a list [...] of changes");
        }
        ObjectNode beforeAdvice = null;
        for (int i = 0; i < changes.size(); i++) {
            if (advice > 0 && i == count - advice) {
                beforeAdvice = submission.deepCopy();
            }
            apply(name, "$.changes[" + i + "]", submission, changes.get(i));
        }
        return beforeAdvice;
    }

    static Path resolve(Path scenarioFile, String relative) {
        Path dir = scenarioFile.toAbsolutePath().getParent();
        return dir.resolve(relative).normalize();
    }

    static JsonNode readJson(Path file) throws InputException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                throw new InputException(file.toString(), null, 0, 0, "the file is empty");
            }
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new InputException(file.toString(), null, line, col, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(file.toString(), null, 0, 0, "cannot be read: " + e.getMessage());
        }
    }

    private static void apply(String file, String at, ObjectNode submission, JsonNode change) throws InputException {
        if (!change.isObject()) {
            throw new InputException(file, at, 0, 0, "expected a change {...}");
        }
        if (change.has("add")) {
            JsonNode add = change.get("add");
            if (!add.isObject()) {
                throw new InputException(file, at + ".add", 0, 0, "expected an indicator object {...}");
            }
            indicators(file, at, submission).add(add.deepCopy());
            return;
        }
        JsonNode set = change.get("set");
        if (change.has("indicator")) {
            String ref = change.get("indicator").asText();
            ArrayNode list = indicators(file, at, submission);
            int index = findIndicator(file, at + ".indicator", list, ref);
            if (change.path("remove").asBoolean(false)) {
                list.remove(index);
                return;
            }
            if (set == null || !set.isObject()) {
                throw new InputException(file, at, 0, 0, "a change of an indicator needs \"set\": {...} or "
                        + "\"remove\": true");
            }
            merge((ObjectNode) list.get(index), (ObjectNode) set);
            return;
        }
        if (set != null && set.isObject()) {
            merge(submission, (ObjectNode) set);
            return;
        }
        throw new InputException(file, at, 0, 0, "expected {\"indicator\": PATH, \"set\": {...}}, "
                + "{\"indicator\": PATH, \"remove\": true}, {\"add\": {...}} or {\"set\": {...}}");
    }

    private static ArrayNode indicators(String file, String at, ObjectNode submission) throws InputException {
        JsonNode list = submission.get("indicators");
        if (list == null) {
            return submission.putArray("indicators");
        }
        if (!list.isArray()) {
            throw new InputException(file, at, 0, 0, "the submission's \"indicators\" is not a list");
        }
        return (ArrayNode) list;
    }

    /** Finds an indicator by path (category/group/name) or, when unambiguous, by name. */
    static int findIndicator(String file, String at, ArrayNode list, String ref) throws InputException {
        int found = -1;
        int byName = -1;
        int names = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String path = path(n);
            if (path.equals(ref)) {
                found = i;
            }
            if (ref.equals(n.path("name").asText(null))) {
                byName = i;
                names++;
            }
        }
        if (found >= 0) {
            return found;
        }
        if (names == 1) {
            return byName;
        }
        throw new InputException(file, at, 0, 0, names > 1
                ? "\"" + ref + "\" names " + names + " indicators; give its path (category/group/name)"
                : "no indicator \"" + ref + "\" in the submission");
    }

    static String path(JsonNode n) {
        return jixiao.model.Indicator.pathOf(n.path("category").asText(null), n.path("group").asText(null),
                n.path("name").asText(null));
    }

    private static void merge(ObjectNode target, ObjectNode changes) {
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /**
     * Every scenario file under the given files and folders, sorted. A folder named {@code drafts} inside a folder
     * given holds drafts' scenarios ({@code scenarios/drafts/ID/}), which are run with their draft, not with the
     * notices in force: it is passed over unless it (or a folder in it) is given itself.
     */
    public static List<Path> find(List<Path> roots) throws IOException {
        Set<Path> out = new java.util.TreeSet<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (var s = Files.walk(root)) {
                    s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                            .filter(p -> !inDrafts(root.relativize(p)))
                            .forEach(out::add);
                }
            } else {
                out.add(root);
            }
        }
        return List.copyOf(out);
    }

    private static boolean inDrafts(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().equals("drafts")) {
                return true;
            }
        }
        return false;
    }
}
