package jixiao.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jixiao.Fixtures;
import jixiao.bench.SyntheticSubmissions;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.model.Submission;
import jixiao.scenario.Scenario;
import jixiao.scenario.ScenarioReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JSON is made straight into UTF-8 bytes on the scoring thread. The bytes are those the output always had: the same
 * generator writing text, that text encoded as UTF-8 (as the output file's writer did) — for every scenario
 * submission, the bench's synthetic ones, each amount of explanation, one line or pretty, and text that is awkward to
 * encode: half of a surrogate pair (which the text encoder has always written as "?"), a whole pair, control
 * characters, a backslash before "uD800" typed as text, quotes.
 */
class JsonLineBytesTest {

    private static final List<ScoreResult> RESULTS = new ArrayList<>();

    @BeforeAll
    static void score() throws Exception {
        List<String> texts = new ArrayList<>();
        for (Path file : ScenarioReader.find(List.of(Fixtures.SCENARIOS))) {
            Scenario sc = ScenarioReader.read(file);
            if (sc.rules() == null) {
                texts.add(sc.submission().toString());
            }
        }
        texts.addAll(SyntheticSubmissions.of(Fixtures.SEED, 0, 40));
        texts.addAll(SyntheticSubmissions.of(Fixtures.SEED, 35, 40));
        ObjectNode awkward = (ObjectNode) new ObjectMapper().readTree(Files.readString(Fixtures.SEED));
        String odd = "\uD800甲\uDC00乙\uD83D\uDE00丙\u0001\u001f\\uD800 \"引\" \u2028";
        awkward.put("department", odd + awkward.path("department").asText());
        JsonNode first = awkward.withArray("indicators").get(0);
        ((ObjectNode) first).put("name", first.path("name").asText() + odd);
        texts.add(awkward.toString());

        PolicyRegistry registry = new PolicyRegistry(Fixtures.RULES);
        Scorer scorer = new Scorer(Scorer.DEFAULT_MAX_FIRINGS, false);
        int n = 0;
        for (String text : texts) {
            n++;
            Submission s;
            try {
                s = SubmissionReader.parse("t.jsonl:" + n, text, "t-" + n);
            } catch (InputException unreadable) {
                continue;
            }
            RESULTS.add(scorer.score(registry.forNotice(s.notice()), s));
        }
        assertThat(RESULTS).hasSizeGreaterThan(100);
        assertThat(RESULTS.get(RESULTS.size() - 1).submission().department()).startsWith(odd);
    }

    /** The output as it was made before: JSON written as text, then encoded to UTF-8. */
    private static byte[] asText(ScoreResult r, boolean pretty, JsonReport.Explanations x) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonReport.MAPPER.getFactory().createGenerator(w)) {
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter(JsonReport.PRETTY));
            }
            JsonReport.write(g, r, x);
        }
        return (w + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyLineIsTheTextItAlwaysWasEncodedAsUtf8() throws Exception {
        for (ScoreResult r : RESULTS) {
            for (JsonReport.Explanations x : JsonReport.Explanations.values()) {
                assertThat(new String(JsonReport.line(r, x), StandardCharsets.UTF_8))
                        .as("%s, explanations %s", r.submission().id(), x)
                        .isEqualTo(new String(asText(r, false, x), StandardCharsets.UTF_8));
                assertThat(JsonReport.line(r, x)).isEqualTo(asText(r, false, x));
            }
            assertThat(JsonReport.pretty(r, JsonReport.Explanations.FULL))
                    .isEqualTo(asText(r, true, JsonReport.Explanations.FULL));
        }
    }

    @Test
    void halfASurrogatePairIsWrittenAsAQuestionMarkAsBeforeAndTheRestOfTheTextIsKept() {
        ScoreResult awkward = RESULTS.get(RESULTS.size() - 1);
        String line = new String(JsonReport.line(awkward, JsonReport.Explanations.FULL), StandardCharsets.UTF_8);
        assertThat(line).contains("\"department\":\"?甲?乙\uD83D\uDE00丙\\u0001\\u001F\\\\uD800 \\\"引\\\" \u2028");
        assertThat(line).doesNotContain("\\uD800甲").endsWith("\n");
    }

    @Test
    void onlyAnEscapeOfHalfASurrogateSendsALineBackToTheTextPath() {
        assertThat(JsonReport.escapesHalfSurrogate(bytes("{\"a\":\"\\uD800\"}"))).isTrue();
        assertThat(JsonReport.escapesHalfSurrogate(bytes("{\"a\":\"\\udc00\"}"))).isTrue();
        assertThat(JsonReport.escapesHalfSurrogate(bytes("{\"a\":\"\\\\uD800\"}"))).isFalse(); // typed as text
        assertThat(JsonReport.escapesHalfSurrogate(bytes("{\"a\":\"\\u001F\\n\"}"))).isFalse();
        assertThat(JsonReport.escapesHalfSurrogate(bytes("{\"a\":\"\\\\\\uDBFF\"}"))).isTrue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
