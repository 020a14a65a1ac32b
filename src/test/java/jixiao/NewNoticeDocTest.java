package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/new-notice.md cannot drift from what runs: its "Adding a column" and "Replacing a result" snippets are the test
 * notice hecha-2023's own (which {@code DeclaredFieldsTest} scores), and its rounding line is the one the shipped
 * notices carry (which {@code RoundingTest} changes cell by cell).
 */
class NewNoticeDocTest {

    private static final Path DOC = Path.of("docs/new-notice.md");
    private static final Path HECHA = Path.of("src/test/resources/synthetic/rules/hecha-2023");

    /** The fenced blocks of a Markdown text opened with the given language ("" for none). */
    private static List<String> blocks(String doc, String language) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        boolean wanted = false;
        for (String line : doc.split("\n", -1)) {
            if (line.startsWith("```")) {
                if (current == null) {
                    current = new StringBuilder();
                    wanted = line.substring(3).strip().equals(language);
                } else {
                    if (wanted) {
                        out.add(current.toString());
                    }
                    current = null;
                }
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return out;
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    @Test
    void theDeclaredFieldsShownAreTheTestNoticesOwn() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<String> json = blocks(doc, "json");
        assertThat(json).isNotEmpty();
        ObjectMapper m = new ObjectMapper();
        JsonNode shown = m.readTree("{" + json.get(0) + "}").get("fields");
        JsonNode real = m.readTree(HECHA.resolve("notice.json").toFile()).get("fields");
        assertThat(shown).isEqualTo(real);
    }

    @Test
    void theRulesShownAreTheTestNoticesOwn() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String rules = squeeze(Files.readString(HECHA.resolve("35-verification.drl"), StandardCharsets.UTF_8));
        List<String> drl = blocks(doc, "drl");
        assertThat(drl).hasSizeGreaterThanOrEqualTo(2);
        for (String block : drl) {
            assertThat(rules).as("a rule of docs/new-notice.md is not in hecha-2023 as written").contains(squeeze(block));
        }
    }

    @Test
    void theRoundingLineShownIsTheShippedNoticesOwn() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String shown = null;
        for (String block : blocks(doc, "")) {
            if (block.startsWith("Functions,")) {
                shown = block.strip();
            }
        }
        assertThat(shown).isNotNull();
        for (String notice : Fixtures.SHIPPED) {
            List<String> lines = Files.readAllLines(Fixtures.RULES.resolve(notice).resolve("00-parameters.drl.csv"),
                    StandardCharsets.UTF_8);
            assertThat(lines).as(notice).contains(shown);
        }
    }
}
