package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workbench's code editor is a bundle checked in (src/main/resources/jixiao/web/editor.js) so that the build needs
 * no Node.js; build.sh records beside it the SHA-256 of the sources it was built from. A source edited without the
 * bundle rebuilt would ship an editor that does not do what its sources say: this fails until build.sh is run.
 */
class EditorBundleTest {

    @Test
    void theCheckedInBundleWasBuiltFromTheSourcesAsTheyAre() throws Exception {
        Path web = Path.of("src/main/web");
        StringBuilder now = new StringBuilder();
        for (String name : List.of("drl.js", "editor.js", "package-lock.json", "table.js")) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(web.resolve(name)));
            now.append(HexFormat.of().formatHex(digest)).append("  ").append(name).append('\n');
        }
        String recorded = Files.readString(Path.of("src/main/resources/jixiao/web/editor.sources"),
                StandardCharsets.UTF_8);
        assertThat(now.toString()).as("src/main/web changed since the editor bundle was built: run src/main/web/build.sh "
                + "(npm ci, then esbuild) and commit the bundle with editor.sources").isEqualTo(recorded);
    }
}
