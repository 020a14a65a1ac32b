package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java host must stay policy-agnostic: no category names, grade names or scoring vocabulary of any notice.
 * If a new notice would need a Java change, the design is wrong.
 */
class PolicyAgnosticHostTest {

    private static final Pattern POLICY_WORDS = Pattern.compile(
            "产出|效益|投入管理|可持续|满意度|预算执行率|\"优\"|\"良\"|\"中\"|\"差\"|达成|政府采购");

    @Test
    void noNoticeVocabularyInTheJavaSources() throws Exception {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (POLICY_WORDS.matcher(lines.get(i)).find()) {
                        hits.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(hits).as("policy words belong in rules/<notice>/ DRL").isEmpty();
    }
}
