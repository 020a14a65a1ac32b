package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jixiao.engine.Policy;
import jixiao.engine.PolicyCache;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-policy cache: used when the rules are unchanged, ignored when they changed or it is damaged. */
class PolicyCacheTest {

    @TempDir
    Path tmp;
    Path rules;
    Path cacheDir;

    @BeforeEach
    void setUp() throws Exception {
        rules = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, rules.resolve("shangjie-2021"));
        cacheDir = tmp.resolve("cache");
    }

    private Policy load() throws Exception {
        return new PolicyRegistry(rules, new PolicyCache(cacheDir)).forNotice("shangjie-2021");
    }

    private String grade(Policy p) throws Exception {
        return new Scorer().score(p, SubmissionReader.read(Fixtures.SEED)).grade().getName();
    }

    private List<Path> entries() throws Exception {
        try (Stream<Path> s = Files.list(cacheDir)) {
            return s.filter(p -> p.toString().endsWith(".kpkg")).toList();
        }
    }

    @Test
    void aSecondRunWithUnchangedRulesReadsTheCompiledRulesAndScoresTheSame() throws Exception {
        Policy first = load();
        assertThat(first.fromCache()).isFalse();
        assertThat(entries()).hasSize(1);
        Policy second = load();
        assertThat(second.fromCache()).isTrue();
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.rules()).isEqualTo(first.rules());
        assertThat(second.phases()).isEqualTo(first.phases());
        var a = new Scorer().score(first, SubmissionReader.read(Fixtures.SEED));
        var b = new Scorer().score(second, SubmissionReader.read(Fixtures.SEED));
        assertThat(jixiao.report.JsonReport.render(b)).isEqualTo(jixiao.report.JsonReport.render(a));
    }

    @Test
    void anEditedRuleFileIsPickedUpAtOnce() throws Exception {
        assertThat(grade(load())).isEqualTo("优");
        Fixtures.raiseBandOf优(rules.resolve("shangjie-2021"));
        Policy edited = load();
        assertThat(edited.fromCache()).isFalse();
        assertThat(grade(edited)).isEqualTo("良");
        assertThat(entries()).hasSize(2);
    }

    @Test
    void aDamagedEntryIsIgnoredRemovedAndRebuilt() throws Exception {
        load();
        Path entry = entries().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated
        Policy p = load();
        assertThat(p.fromCache()).isFalse();
        assertThat(grade(p)).isEqualTo("优");
        assertThat(load().fromCache()).isTrue(); // rewritten whole

        Files.writeString(entries().get(0), "not a cache entry");
        Policy again = load();
        assertThat(again.fromCache()).isFalse();
        assertThat(grade(again)).isEqualTo("优");
    }

    @Test
    void anUnwritableCacheOnlyMeansCompilingEveryTime() throws Exception {
        Files.writeString(cacheDir, "a file where the cache folder should be");
        Policy p = load();
        assertThat(p.fromCache()).isFalse();
        assertThat(grade(p)).isEqualTo("优");
    }
}
