package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jixiao.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build belongs to the shipped notices; an analyst's folders never break it. A copy of rules/ and scenarios/ with
 * two more notices added as an analyst adds them (the synthetic xinqu-2024 and hecha-2023, each with its scenarios,
 * pinned) passes every notice-wide check the suite makes of the shipped ones: all scenarios pass, every notice has
 * scenarios, check-rules finds nothing.
 */
class AnalystFolderTest {

    private static final Path SYNTHETIC = Path.of("src/test/resources/synthetic");

    @TempDir
    Path home;

    @Test
    void twoMoreNoticeFoldersPassTheNoticeWideChecks() throws Exception {
        Fixtures.copyHome(home);
        Path rules = home.resolve("rules");
        for (String id : new String[] {"xinqu-2024", "hecha-2023"}) {
            if (!Files.exists(rules.resolve(id))) { // an analyst may have copied it already (it is the same then)
                Fixtures.copyTree(SYNTHETIC.resolve("rules").resolve(id), rules.resolve(id));
                Fixtures.copyTree(SYNTHETIC.resolve("scenarios").resolve(id), home.resolve("scenarios").resolve(id));
            }
            Fixtures.pin(rules, id);
        }
        String old = System.getProperty("jixiao.home");
        System.setProperty("jixiao.home", home.toString());
        try {
            Fixtures.Run test = Fixtures.cli("test", "--rules-root", rules.toString());
            assertThat(test.exit()).as(test.out() + test.err()).isEqualTo(Main.OK);
            assertThat(test.out()).contains("hecha-2023").contains("xinqu-2024").doesNotContain("FAIL");
            for (String id : new String[] {"shangjie-2021", "mof-2020-project", "xinqu-2024", "hecha-2023"}) {
                Fixtures.Run check = Fixtures.cli("check-rules", rules.resolve(id).toString());
                assertThat(check.exit()).as(id + ": " + check.out() + check.err()).isEqualTo(Main.OK);
                assertThat(check.out() + check.err()).as(id).doesNotContain("可能永远不会触发");
            }
            Fixtures.Run notices = Fixtures.cli("notices", "--rules-root", rules.toString());
            assertThat(notices.out()).contains("hecha-2023").contains("xinqu-2024");
        } finally {
            if (old == null) {
                System.clearProperty("jixiao.home");
            } else {
                System.setProperty("jixiao.home", old);
            }
        }
    }

    /**
     * A rule that matches a department's declaration by a second-level heading the notice uses (可持续影响指标 under
     * 效益指标 in the project notice) is not "a rule that may never fire".
     */
    @Test
    void aDeclarationMatchedByASecondLevelHeadingIsNotAFalseAlarm() throws Exception {
        Fixtures.copyHome(home);
        Path rules = home.resolve("rules");
        Path folder = Fixtures.derive(rules, "mof-2023-sustain", "mof-2020-project");
        Files.writeString(folder.resolve("63-sustain.drl"), """
                package jixiao.policy;

                import jixiao.model.*;

                // 测试：部门声明“可持续影响指标”不适用的，提示。
                rule "声明可持续影响指标不适用的，提示"
                    ruleflow-group "60 复核"
                when
                    CategoryDeclaration( name == "可持续影响指标", applicable == false )
                then
                    insert(new Finding("info", "SUSTAIN_NOT_APPLICABLE", "可持续影响指标", "声明了可持续影响指标不适用。"));
                end
                """, StandardCharsets.UTF_8);
        Fixtures.pin(rules, "mof-2023-sustain");
        Fixtures.copyTree(Fixtures.SCENARIOS.resolve("mof-2020-project"), home.resolve("scenarios/mof-2023-sustain"));
        String old = System.getProperty("jixiao.home");
        System.setProperty("jixiao.home", home.toString());
        try {
            Fixtures.Run check = Fixtures.cli("check-rules", folder.toString());
            assertThat(check.out() + check.err()).doesNotContain("可能永远不会触发");
            // a real typo is still caught
            Files.writeString(folder.resolve("63-sustain.drl"), Files.readString(folder.resolve("63-sustain.drl"))
                    .replace("name == \"可持续影响指标\"", "name == \"可持续影晌指标\""), StandardCharsets.UTF_8);
            Fixtures.pin(rules, "mof-2023-sustain");
            Fixtures.Run typo = Fixtures.cli("check-rules", folder.toString());
            assertThat(typo.out() + typo.err()).contains("可持续影晌指标").contains("可能永远不会触发");
        } finally {
            if (old == null) {
                System.clearProperty("jixiao.home");
            } else {
                System.setProperty("jixiao.home", old);
            }
        }
    }
}
