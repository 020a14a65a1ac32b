package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches: folders and JSON Lines, in parallel, results in input order, failures reported and skipped. */
class BatchTest {

    @TempDir
    Path tmp;

    private Path jsonLines() throws Exception {
        String seed = Files.readString(Fixtures.SEED, StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*", " ");
        String minimal = Files.readString(Fixtures.MINIMAL, StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*", " ");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            String line = (i % 2 == 0 ? seed : minimal).replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"s" + i + "\"");
            if (i == 40) {
                line = "{\"notice\": \"shangjie-2021\", \"indicators\": [";  // broken
            }
            if (i == 41) {
                line = "";  // blank lines are skipped
            }
            sb.append(line).append('\n');
        }
        Path f = tmp.resolve("region.jsonl");
        Files.writeString(f, sb, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void jsonLinesToCsvInInputOrderWithTheBadLineReportedAndSkipped() throws Exception {
        Path in = jsonLines();
        Path out = tmp.resolve("results.csv");
        Fixtures.Run run = Fixtures.cli("score", in.toString(), "--format", "csv", "--out", out.toString(),
                "--threads", "2", "--no-progress");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("region.jsonl:41").contains("invalid JSON").contains("148 scored, 1 failed");
        List<String> rows = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(rows.get(0)).isEqualTo("id,department,notice,total,grade,claimedTotal,findings");
        assertThat(rows).hasSize(149);
        assertThat(rows.get(1)).isEqualTo("s0,郑州市上街区司法局机关,shangjie-2021,99.11,优,99,5");
        assertThat(rows.get(2)).startsWith("s1,测试单位（场景用的最小提交）,shangjie-2021,100,优,100,0");
        for (int i = 1; i < rows.size(); i++) {
            int n = Integer.parseInt(rows.get(i).substring(1, rows.get(i).indexOf(',')));
            assertThat(n).isNotIn(40, 41);
            if (i > 1) {
                int prev = Integer.parseInt(rows.get(i - 1).substring(1, rows.get(i - 1).indexOf(',')));
                assertThat(n).as("input order").isGreaterThan(prev);
            }
        }
    }

    @Test
    void parallelAndSequentialRunsWriteTheSameBytes() throws Exception {
        Path in = jsonLines();
        Path one = tmp.resolve("one.jsonl");
        Path two = tmp.resolve("two.jsonl");
        Fixtures.cli("score", in.toString(), "--format", "jsonl", "--out", one.toString(), "--threads", "1");
        Fixtures.cli("score", in.toString(), "--format", "jsonl", "--out", two.toString(), "--threads", "4");
        assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
        assertThat(Files.readAllLines(one)).hasSize(148);
    }

    @Test
    void aFolderIsSearchedForSubmissionsOfEveryFormatButNotScenarios() throws Exception {
        Fixtures.Run run = Fixtures.cli("score", "scenarios/shangjie-2021", "--format", "csv");
        assertThat(run.exit()).as(run.err()).isZero();
        // header, the seed as JSON, the seed as the .xlsx table, the minimal submission
        assertThat(run.out().lines()).hasSize(4);
        assertThat(run.out()).contains("justice-bureau-2021,郑州市上街区司法局机关,shangjie-2021,99.11,优");
        assertThat(run.err()).contains("3 scored, 0 failed; 优 3");
    }

    @Test
    void aBatchWhoseEverySubmissionFailsLeavesTheOutputAsItWasAndNoTempFile() throws Exception {
        Path out = tmp.resolve("never.csv");
        Fixtures.Run run = Fixtures.cli("score", Fixtures.SEED.toString(), "--rules", tmp.resolve("no-such").toString(),
                "--format", "csv", "--out", out.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(out).doesNotExist(); // nothing was scored: nothing to write
        Files.writeString(out, "last year's results\n");
        run = Fixtures.cli("score", Fixtures.SEED.toString(), "--rules", tmp.resolve("no-such").toString(),
                "--format", "csv", "--out", out.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("left as it was");
        assertThat(Files.readString(out)).isEqualTo("last year's results\n");
        try (var s = Files.list(tmp)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void theBenchRunsOnASmallCount() {
        Fixtures.Run run = Fixtures.cli("bench", "--count", "60", "--reference", "60", "--cold-runs", "0",
                "--memory-sizes", "0");
        assertThat(run.exit()).as(run.err()).isZero();
        // the limit, with the reference agreeing on every submission; both data sets on a curve of thread counts
        assertThat(run.out()).contains("same indicator scores, category scores, totals and grades on 60 of 60")
                .contains("a realistic mix").contains("every figure varied").contains(" 1 thread ")
                .containsPattern("efficiency \\d\\.\\d\\d").contains("scaling: ");
    }

    @Test
    void theSummaryListsGradesFromTheHighestTotalsDownNotInTheOrderOfTheCharacters() throws Exception {
        Path low = tmp.resolve("low.json");
        // 完成任务数量 at 0 of ≥100: 30 points lost, total 70, 中 (Unicode order would put 中 before 优)
        Files.writeString(low, Files.readString(Fixtures.MINIMAL).replace("\"actual\": \"100个\"", "\"actual\": \"0个\""));
        Fixtures.Run run = Fixtures.cli("score", Fixtures.SEED.toString(), low.toString(), "--format", "csv");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("2 scored, 0 failed; 优 1, 中 1");
    }
}
