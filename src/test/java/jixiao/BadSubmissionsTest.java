package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jixiao.input.SubmissionReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus under src/test/resources/bad-submissions/: each file, scored on its own, gives exit code 2, nothing on
 * stdout, and on stderr the file, the JSON path (and line) and the message that expected.json records for it;
 * never a stack trace. The files under accepted-submissions/ are odd but valid, and must score.
 */
class BadSubmissionsTest {

    static final Path BAD = Path.of("src/test/resources/bad-submissions");
    static final Path ACCEPTED = Path.of("src/test/resources/accepted-submissions");
    /** A Java class name, an exception or a stack frame: none of them belongs in a message to an analyst. */
    static final Pattern JAVA_NOISE = Pattern.compile("\\tat |Exception|\\b[a-z]+\\.[a-z]+\\.[A-Z]\\w+|JsonToken");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> eachBadSubmissionIsRefusedWithItsMessage() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(BAD.resolve("expected.json").toFile());
        Set<String> files;
        try (Stream<Path> s = Files.list(BAD)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("expected.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> listed = new TreeSet<>();
        expected.fieldNames().forEachRemaining(listed::add);
        assertThat(files).as("every case has an expectation and every expectation a case").isEqualTo(listed);
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode c : e.getValue().get("contains")) {
                assertThat(BAD.resolve(e.getKey()).toString()).as("an expected phrase of " + e.getKey()
                        + " that its own path holds cannot tell one error from another").doesNotContain(c.asText());
            }
        }

        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                JsonNode x = e.getValue();
                Fixtures.Run run = Fixtures.cli("score", BAD.resolve(e.getKey()).toString());
                assertThat(run.exit()).as(run.err()).isEqualTo(x.get("exit").asInt());
                assertThat(run.out()).as("stdout stays clean").isEmpty();
                assertThat(run.err()).contains(e.getKey());
                if (x.has("path")) {
                    assertThat(run.err()).contains(x.get("path").asText());
                }
                if (x.has("line")) {
                    assertThat(run.err()).contains("(line " + x.get("line").asInt());
                }
                for (JsonNode c : x.get("contains")) {
                    assertThat(run.err()).contains(c.asText());
                }
                // a phrase that stderr holds only because it names the file would let any error pass
                String withoutFileName = run.err().replace(BAD.resolve(e.getKey()).toString(), "");
                for (JsonNode c : x.get("contains")) {
                    assertThat(withoutFileName).as("the message itself says " + c).contains(c.asText());
                }
                assertThat(JAVA_NOISE.matcher(run.err()).find()).as("no Java noise in: " + run.err()).isFalse();
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> oddButValidSubmissionsAreScored() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(ACCEPTED.resolve("expected.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Fixtures.Run run = Fixtures.cli("score", ACCEPTED.resolve(e.getKey()).toString(), "--format", "json");
                assertThat(run.exit()).as(run.err()).isZero();
                JsonNode r = new ObjectMapper().readTree(run.out());
                assertThat(r.get("total").decimalValue()).isEqualByComparingTo(e.getValue().get("total").decimalValue());
            }));
        }
        return tests.stream();
    }

    @Test
    void inABatchTheGoodAreScoredAndTheBadListedAtTheEnd() throws Exception {
        List<String> args = new ArrayList<>(List.of("score", "--format", "json", "--out", tmp.resolve("r.jsonl")
                .toString(), Fixtures.SEED.toString()));
        try (Stream<Path> s = Files.list(BAD)) {
            s.filter(p -> !p.getFileName().toString().equals("expected.json")).sorted()
                    .forEach(p -> args.add(p.toString()));
        }
        args.add(Fixtures.MINIMAL.toString());
        Fixtures.Run run = Fixtures.cli(args.toArray(String[]::new));
        assertThat(run.exit()).isEqualTo(2);
        List<String> lines = Files.readAllLines(tmp.resolve("r.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"id\":\"shangjie-justice-2021\"");
        assertThat(lines.get(1)).contains("\"id\":\"minimal-2021\"");
        long bad = args.size() - 7; // all but: score --format json --out FILE, the seed, the minimal
        assertThat(run.err()).contains("2 scored, " + bad + " failed");
        assertThat(run.err().lines().filter(l -> l.startsWith("  failed: ")).count()).isEqualTo(bad);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aHugeFileIsRefusedBeforeItIsRead() throws Exception {
        Path huge = tmp.resolve("huge.json");
        StringBuilder sb = new StringBuilder("{\"notice\":\"shangjie-2021\",\"overallGoal\":\"");
        sb.append("绩".repeat((int) (SubmissionReader.MAX_BYTES / 3) + 10)).append("\"}");
        Files.writeString(huge, sb, StandardCharsets.UTF_8);
        Fixtures.Run run = Fixtures.cli("score", huge.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("huge.json").contains("at most " + SubmissionReader.MAX_BYTES + " bytes");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void deepNestingIsRefusedQuicklyEvenWhenVeryDeep() throws Exception {
        Path deep = tmp.resolve("deep.json");
        Files.writeString(deep, "{\"notice\":\"x\",\"tasks\":" + "[".repeat(500_000) + "]".repeat(500_000) + "}");
        Fixtures.Run run = Fixtures.cli("score", deep.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("nested too deeply");
    }
}
