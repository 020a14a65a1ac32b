package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jixiao.engine.PolicyFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notices built on notices: a base pinned by its fingerprint, files replaced, added and dropped, shared rules. */
class PolicyLayersTest {

    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void copyRules() throws Exception {
        root = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, root.resolve("shangjie-2021")); // brings its base, common, along
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8) + text, StandardCharsets.UTF_8);
    }

    private String pinned() throws Exception {
        return new ObjectMapper().readTree(root.resolve("shangjie-2021/notice.json").toFile())
                .at("/base/fingerprint").asText();
    }

    @Test
    void aChangedBaseStopsTheNoticeBuiltOnItUntilItIsReviewedAndRePinned() throws Exception {
        String before = pinned();
        assertThat(before).isEqualTo(PolicyFiles.resolve(root.resolve("common")).fingerprint());
        // a change in the common base that changes a number: proportional credit halved
        Path functions = root.resolve("common/01-functions.drl");
        String text = Files.readString(functions, StandardCharsets.UTF_8);
        Files.writeString(functions, text.replace("BigDecimal raw = Num.mulDiv(points, numerator, denominator);",
                "BigDecimal raw = Num.mulDiv(points, numerator, denominator).multiply(new BigDecimal(\"0.5\"));"),
                StandardCharsets.UTF_8);

        Fixtures.Run check = Fixtures.cli("check-rules", root.resolve("shangjie-2021").toString());
        assertThat(check.exit()).isEqualTo(3);
        assertThat(check.err().lines().filter(l -> l.contains("has changed since it was pinned")).count()).isOne();
        assertThat(check.err()).contains("the base common of notice shangjie-2021 has changed since it was pinned")
                .contains("jixiao pin shangjie-2021 --dry-run").contains("jixiao pin shangjie-2021");
        Fixtures.Run score = Fixtures.cli("score", "--rules-root", root.toString(), Fixtures.SEED.toString());
        assertThat(score.exit()).isEqualTo(3);
        assertThat(score.out()).isEmpty();
        Fixtures.Run test = Fixtures.cli("test", "--rules-root", root.toString(), "scenarios/shangjie-2021/seed.scenario.json");
        assertThat(test.exit()).isEqualTo(1);
        assertThat(test.out()).contains("BROKEN").contains("has changed since it was pinned");

        // the dry run scores the notice's scenarios on the base as it is now and writes nothing
        Fixtures.Run dry = Fixtures.cli("pin", "--dry-run", "--rules-root", root.toString(), "shangjie-2021",
                "--scenarios", "scenarios/shangjie-2021");
        assertThat(dry.exit()).isEqualTo(1);
        // the seed's 政府采购执行率: 2 × 50 ÷ 90 = 1.11 becomes half of it, 0.56; its total 99.11 − 0.55 = 98.56
        assertThat(dry.out()).contains("FAIL    scenarios/shangjie-2021/seed.scenario.json")
                .contains("expected 99.11, actual 98.56").contains("(changed)").contains("nothing written");
        assertThat(pinned()).isEqualTo(before);

        Fixtures.Run pin = Fixtures.cli("pin", "--rules-root", root.toString(), "shangjie-2021");
        assertThat(pin.exit()).as(pin.err()).isZero();
        String after = pinned();
        assertThat(after).isNotEqualTo(before).isEqualTo(PolicyFiles.resolve(root.resolve("common")).fingerprint());
        assertThat(pin.out()).contains(before + " → " + after);
        assertThat(Fixtures.cli("check-rules", root.resolve("shangjie-2021").toString()).exit()).isZero();
        // and what is scored says which rules scored it: the fingerprint of the whole effective set
        Fixtures.Run json = Fixtures.cli("score", "--rules-root", root.toString(), "--format", "json",
                Fixtures.SEED.toString());
        var r = new ObjectMapper().readTree(json.out());
        assertThat(r.get("rulesFingerprint").asText())
                .isEqualTo(PolicyFiles.resolve(root.resolve("shangjie-2021")).fingerprint())
                .isNotEqualTo(PolicyFiles.resolve(Fixtures.SHANGJIE).fingerprint());
        assertThat(r.get("total").decimalValue()).isEqualByComparingTo("98.56");
    }

    @Test
    void aNoticeThatDoesNotPinItsBaseIsToldHowTo() throws Exception {
        Path meta = root.resolve("shangjie-2021/notice.json");
        Files.writeString(meta, Files.readString(meta).replace(pinned(), "not a pin"), StandardCharsets.UTF_8);
        Fixtures.Run run = Fixtures.cli("check-rules", root.resolve("shangjie-2021").toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("does not pin its base common").contains("\"not a pin\"")
                .contains("jixiao pin shangjie-2021");
    }

    @Test
    void notAllCycleOrDroppedFileMistakesGoUnnoticed() throws Exception {
        Path a = Fixtures.derive(root, "a", "shangjie-2021");
        Path b = Fixtures.derive(root, "b", "a");
        Files.writeString(a.resolve("notice.json"), Files.readString(a.resolve("notice.json"))
                .replace("\"notice\": \"shangjie-2021\"", "\"notice\": \"b\""), StandardCharsets.UTF_8);
        Fixtures.Run cycle = Fixtures.cli("check-rules", b.toString());
        assertThat(cycle.exit()).isEqualTo(3);
        assertThat(cycle.err()).contains("cycle: b → a → b");

        Path c = Fixtures.derive(root, "c", "shangjie-2021");
        Files.writeString(c.resolve("notice.json"), Files.readString(c.resolve("notice.json"))
                .replace("\"base\"", "\"drop\": [\"50-grades.drl\"],\n  \"base\""), StandardCharsets.UTF_8);
        Fixtures.Run drop = Fixtures.cli("pin", "--rules-root", root.toString(), "c");
        assertThat(drop.exit()).isEqualTo(3);
        assertThat(drop.err()).contains("\"drop\" names \"50-grades.drl\", which the base shangjie-2021 does not have")
                .contains("00-parameters.drl.csv");
    }

    @Test
    void aSharedFolderScoresNothingByItselfAndIsCheckedThroughTheNoticesBuiltOnIt() throws Exception {
        Path sub = tmp.resolve("common.json");
        Files.writeString(sub, Files.readString(Fixtures.MINIMAL).replace("\"shangjie-2021\"", "\"common\""),
                StandardCharsets.UTF_8);
        Fixtures.Run score = Fixtures.cli("score", sub.toString());
        assertThat(score.exit()).isEqualTo(3);
        assertThat(score.err()).contains("common is a folder of shared rules");
        Fixtures.Run check = Fixtures.cli("check-rules", "rules/common");
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("checked as part of the notices built on them: [mof-2020-project, "
                + "shangjie-2021]").contains("mof-2020-project: ").contains("compiled without errors");
    }

    private static final Pattern RULE = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\"(.*?)^end\\s*$");
    private static final Pattern FUNCTION = Pattern.compile("(?m)^function\\s+\\S+\\s+([^\\s(]+)\\s*\\(");

    /** What the shipped notices share is written once: no rule, rule body or function is repeated across rules/. */
    @Test
    void theShippedNoticesWriteWhatTheyShareOnce() throws Exception {
        Map<String, String> names = new HashMap<>();
        Map<String, String> bodies = new HashMap<>();
        Map<String, String> functions = new HashMap<>();
        List<String> repeated = new ArrayList<>();
        List<Path> files;
        try (var s = Files.walk(Fixtures.RULES)) {
            files = s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(8);
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher r = RULE.matcher(text);
            while (r.find()) {
                String body = r.group(2).replaceAll("(?m)//.*$", "").replaceAll("\\s+", " ").strip();
                String was = names.put(r.group(1), f.toString());
                if (was != null) {
                    repeated.add("rule \"" + r.group(1) + "\" in " + was + " and " + f);
                }
                was = bodies.put(body, f + " \"" + r.group(1) + "\"");
                if (was != null) {
                    repeated.add("the same rule body in " + was + " and " + f + " \"" + r.group(1) + "\"");
                }
            }
            Matcher fn = FUNCTION.matcher(text);
            while (fn.find()) {
                String was = functions.put(fn.group(1), f.toString());
                if (was != null) {
                    repeated.add("function " + fn.group(1) + " in " + was + " and " + f);
                }
            }
        }
        assertThat(repeated).isEmpty();
        assertThat(functions).containsKeys("比例计分", "得分取舍", "读作");
        // and a notice's own file never repeats its base's word for word
        for (String notice : List.of("shangjie-2021", "mof-2020-project")) {
            PolicyFiles set = PolicyFiles.resolve(Fixtures.RULES.resolve(notice));
            assertThat(set.layers()).extracting(p -> p.getFileName().toString()).containsExactly("common", notice);
            for (var own : set.files()) {
                Path inBase = Fixtures.RULES.resolve("common").resolve(own.name());
                if (own.label().equals(own.name()) && Files.exists(inBase)) {
                    assertThat(Files.readString(inBase)).as(own.name()).isNotEqualTo(own.text());
                }
            }
        }
    }
}
