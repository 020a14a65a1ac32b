package jixiao.model;

import java.util.Arrays;
import java.util.List;

/**
 * How much a finding weighs, from the heaviest: {@code reject} (退回: the submission cannot be scored faithfully as
 * filed and goes back to its authors), {@code error} (错误: scored, but not to be trusted as it is), {@code warning}
 * (提示: differs from what the rules give), {@code info} (说明). Rules write the code ({@code new Finding("error", …)});
 * a code that is none of these is refused where the rules load, with its file and line, and here when a finding is
 * made, so that a misspelt level can never rank a 退回 as nothing.
 */
public enum Severity {
    REJECT("reject", "退回"),
    ERROR("error", "错误"),
    WARNING("warning", "提示"),
    INFO("info", "说明");

    private final String code;
    private final String word;

    Severity(String code, String word) {
        this.code = code;
        this.word = word;
    }

    /** As rules, notices' 提示级别 tables and JSON write it: reject, error, warning, info. */
    public String code() {
        return code;
    }

    /** As the reports name it: 退回, 错误, 提示, 说明. */
    public String word() {
        return word;
    }

    /** The codes, heaviest first. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(Severity::code).toList();
    }

    /**
     * The severity of a code.
     *
     * @throws IllegalArgumentException for any other text, naming the four
     */
    public static Severity of(String code) {
        for (Severity s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("a finding's level is one of " + String.join(", ", codes()) + ", not \""
                + code + "\"");
    }
}
