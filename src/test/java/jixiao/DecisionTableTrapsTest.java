package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jixiao.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Drools compiles from a decision table in silence is reported by check-rules, with the row and the column: an
 * ACTION cell left empty (the 部分达成 tier never inserted), a {@code $2} the cell does not have, a row that can never
 * match. The shipped notices have none.
 */
class DecisionTableTrapsTest {

    @TempDir
    Path tmp;

    private Path copyWith(String from, String to) throws Exception {
        Path rules = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, rules.resolve("shangjie-2021"));
        Path csv = rules.resolve("shangjie-2021/00-parameters.drl.csv");
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(csv, text.replace(from, to), StandardCharsets.UTF_8);
        Fixtures.pin(rules, "shangjie-2021");
        return rules.resolve("shangjie-2021");
    }

    @Test
    void theShippedNoticesHaveNone() {
        for (String id : Fixtures.SHIPPED) {
            Fixtures.Run run = Fixtures.cli("check-rules", Fixtures.RULES.resolve(id).toString());
            assertThat(run.exit()).as(id + run.err()).isEqualTo(Main.OK);
            assertThat(run.err()).doesNotContain("without a word");
        }
    }

    @Test
    void anEmptyActionCellIsNamed() throws Exception {
        Path folder = copyWith("部分达成,部分达成预期指标并具有一定效果,60,含,80,不含", "部分达成,部分达成预期指标并具有一定效果,60,含,80,");
        Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_RULES);
        assertThat(run.err()).contains("00-parameters.drl.csv:23").contains("table 定性指标档次")
                .contains("the ACTION cell under “含上限否” is empty").contains("insert(new Tier(");
    }

    @Test
    void aDollarTwoTheCellDoesNotHaveIsNamed() throws Exception {
        Path folder = copyWith("\"String 说明 = \"\"$param\"\";\"", "\"String 说明 = \"\"$2\"\";\"");
        Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_RULES);
        assertThat(run.err()).contains("uses $2, but the cell holds 1 value (“达成预期指标”)");
    }

    @Test
    void aRowThatCanNeverMatchIsNamed() throws Exception {
        Path folder = copyWith(",50 等级,80,90,良,", ",50 等级,95,90,良,");
        Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_RULES);
        assertThat(run.err()).contains("table 等级").contains("no score is at least 95 and below 90")
                .contains("can never match");
    }

    /**
     * A misspelt code in the 提示级别 table compiles and changes nothing: TIER_REQURED at reject leaves TIER_REQUIRED a
     * mere error, so a table the notice sends back would be scored and graded. check-rules names the row and the code
     * it meant (it passed before: two scenarios happened to catch it).
     */
    @Test
    void aMisspeltCodeInTheLevelsTableIsNamedWithTheCodeItMeant() throws Exception {
        Path folder = copyWith(",10 通知参数,TIER_REQUIRED,reject", ",10 通知参数,TIER_REQURED,reject");
        Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_RULES);
        assertThat(run.err()).containsPattern("00-parameters\\.drl\\.csv:\\d+: the 提示级别 table names the code TIER_REQURED")
                .contains("did you mean TIER_REQUIRED?");
    }
}
