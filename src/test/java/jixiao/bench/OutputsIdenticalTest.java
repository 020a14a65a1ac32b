package jixiao.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jixiao.Fixtures;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;
import jixiao.model.Submission;
import jixiao.report.JsonReport;
import jixiao.scenario.Scenario;
import jixiao.scenario.ScenarioReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the batch path does to go faster (threads, a sliding window, reading JSON Lines a chunk at a time, a
 * leaner line when asked), what it writes is what scoring each submission alone writes, byte for byte: every
 * submission of every scenario and a few hundred of the bench's synthetic ones, scored one by one in this JVM, then
 * as one JSON Lines file through {@code jixiao score} on one thread and on two.
 */
class OutputsIdenticalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LINES = new ArrayList<>();
    private static final List<String> ALONE = new ArrayList<>();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void scoreEachAlone() throws Exception {
        for (Path file : ScenarioReader.find(List.of(Fixtures.SCENARIOS))) {
            Scenario sc = ScenarioReader.read(file);
            if (sc.rules() == null) {
                LINES.add(sc.submission().toString());
            }
        }
        JsonNode template = Synthetic.read(Fixtures.SEED);
        Synthetic seedSized = new Synthetic(template, 0);
        Synthetic large = new Synthetic(template, 35);
        for (int i = 0; i < 150; i++) {
            LINES.add(seedSized.json(i));
            LINES.add(large.json(i));
        }
        PolicyRegistry registry = new PolicyRegistry(Fixtures.RULES);
        Scorer scorer = new Scorer(Scorer.DEFAULT_MAX_FIRINGS, false);
        int n = 0;
        for (String line : LINES) {
            n++;
            Submission s;
            try {
                s = SubmissionReader.parse("all.jsonl:" + n, line, "all-" + n, registry::fieldsOf); // as the batch reads
            } catch (jixiao.input.InputException e) {
                continue; // a scenario about a submission that cannot be read: the batch names it and goes on
            }
            ScoreResult r = scorer.score(registry.forNotice(s.notice()), s);
            // a submission sent back (退回) is named on stderr, not written as a score
            if (r.ruleGaps().isEmpty() && r.isScored()) {
                ALONE.add(JsonReport.renderLine(r).strip());
            }
        }
        Files.writeString(tmp.resolve("all.jsonl"), String.join("\n", LINES) + "\n", StandardCharsets.UTF_8);
    }

    private static List<String> batch(String... options) throws Exception {
        Path out = tmp.resolve("out-" + System.nanoTime() + ".jsonl");
        List<String> args = new ArrayList<>(List.of("score", "--format", "jsonl", "--out", out.toString()));
        args.addAll(List.of(options));
        args.add(tmp.resolve("all.jsonl").toString());
        Fixtures.Run run = Fixtures.cli(args.toArray(String[]::new));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        // compared one by one below: a difference shows as one line, not as thousands of characters
        assertThat(lines.size()).as(run.err().lines().limit(5).toList().toString()).isEqualTo(ALONE.size());
        return lines;
    }

    @Test
    void theBatchPathWritesWhatScoringEachAloneWritesOnOneThreadAndOnTwo() throws Exception {
        assertThat(ALONE).hasSizeGreaterThan(300);
        for (String[] options : List.of(new String[] {"--threads", "1"}, new String[] {"--threads", "2"},
                new String[] {"--threads", "2", "--explanations", "full"})) {
            List<String> lines = batch(options);
            for (int i = 0; i < ALONE.size(); i++) {
                if (!lines.get(i).equals(ALONE.get(i))) {
                    throw new AssertionError(String.join(" ", options) + ": line " + (i + 1) + " differs from "
                            + "scoring it alone");
                }
            }
        }
    }

    @Test
    void aLeanerLineIsTheFullLineWithoutItsExplanationsAndNothingElseChanged() throws Exception {
        List<String> none = batch("--explanations", "none");
        List<String> brief = batch("--explanations", "short");
        assertThat(none).hasSameSizeAs(ALONE);
        assertThat(brief).hasSameSizeAs(ALONE);
        for (int i = 0; i < ALONE.size(); i++) {
            ObjectNode full = (ObjectNode) JSON.readTree(ALONE.get(i));
            // short: the headline's and the categories' explanations stay; each indicator's and weight step's go
            ObjectNode shortened = full.deepCopy();
            shortened.withArray("indicators").forEach(x -> ((ObjectNode) x).remove("explanation"));
            shortened.withArray("categories").forEach(c -> c.withArray("weightSteps")
                    .forEach(st -> ((ObjectNode) st).remove("why")));
            assertThat(JSON.readTree(brief.get(i))).isEqualTo(shortened);
            // none: no explanation at all
            ObjectNode bare = shortened.deepCopy();
            bare.remove(List.of("totalExplanation", "gradeExplanation"));
            bare.withArray("categories").forEach(c -> ((ObjectNode) c).remove("explanation"));
            assertThat(JSON.readTree(none.get(i))).isEqualTo(bare);
            assertThat(none.get(i)).doesNotContain("\"explanation\"").doesNotContain("\"why\"");
        }
    }
}
