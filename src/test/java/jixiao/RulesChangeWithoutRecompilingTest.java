package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy is read from disk when the command runs: editing DRL changes results with the same build. */
class RulesChangeWithoutRecompilingTest {

    @TempDir
    Path tmp;

    @Test
    void raisingTheBandOf优InACopiedFolderGivesTheSeedAnotherGrade() throws Exception {
        Path copy = tmp.resolve("shangjie-2021");
        Fixtures.copyTree(Fixtures.SHANGJIE, copy);
        Fixtures.raiseBandOf优(copy);

        Fixtures.Run before = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "json");
        Fixtures.Run after = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "json",
                "--rules", copy.toString());
        assertThat(before.exit()).isZero();
        assertThat(after.exit()).isZero();
        assertThat(before.out()).contains("\"grade\": \"优\"").contains("\"total\": 99.11");
        assertThat(after.out()).contains("\"grade\": \"良\"").contains("\"total\": 99.11")
                .contains("\"code\": \"GRADE_DIFFERS\"");
    }

    @Test
    void aRuleFileWithASyntaxErrorIsReportedWithItsFileAndLineAndNothingIsScored() throws Exception {
        Path copy = tmp.resolve("shangjie-2021");
        Fixtures.copyTree(Fixtures.SHANGJIE, copy);
        Path grades = copy.resolve("20-adjustments.drl");
        String drl = Files.readString(grades, StandardCharsets.UTF_8);
        // line of the first "when" in the file, then break the pattern on the line after it
        String[] lines = drl.split("\n", -1);
        int whenLine = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals("when")) {
                whenLine = i + 1;
                break;
            }
        }
        lines[whenLine] = "    $from : CategoryWeight( category == \"可持续性指标\" ";
        Files.writeString(grades, String.join("\n", lines), StandardCharsets.UTF_8);

        Fixtures.Run run = Fixtures.cli("score", Fixtures.SEED.toString(), "--rules", copy.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        // Drools reports an unclosed pattern where it notices it: on the broken line or the one after
        assertThat(run.err()).containsAnyOf("20-adjustments.drl:" + (whenLine + 1) + ":",
                "20-adjustments.drl:" + (whenLine + 2) + ":").doesNotContain("\tat ").doesNotContain("Exception");
        // the cascade of "unable to resolve" errors in other files is summarised, not listed
        assertThat(run.err().lines().filter(l -> l.startsWith("  ")).count()).isLessThan(6);
    }
}
