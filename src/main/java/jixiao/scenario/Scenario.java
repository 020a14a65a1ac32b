package jixiao.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Set;

/**
 * One analyst-written test case: a submission (inline, or a file with changes applied), an optional policy folder,
 * and what is expected of the result. Only what is listed under "expect" is checked.
 *
 * @param file        the scenario file
 * @param description what the case shows, in the analyst's words
 * @param submission  the submission to score, after changes
 * @param rules       the policy folder to use, or null for the submission's notice
 * @param expect      the expectations
 * @param inputs      every file the scenario reads (itself and its submission), for --watch
 * @param beforeAdvice with "advice": N, the submission without its last N changes (which follow the advice of a
 *                     rejection); it must be rejected with the codes the scenario lists under noFindings. Else null
 */
public record Scenario(Path file, String description, ObjectNode submission, Path rules, JsonNode expect,
                       Set<Path> inputs, ObjectNode beforeAdvice) {
}
