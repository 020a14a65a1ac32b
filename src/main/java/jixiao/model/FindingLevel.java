package jixiao.model;

/**
 * A notice's parameter: the severity findings of a code have under this notice — "reject" for those that send the
 * submission back (退回), or "error", "warning", "info". Inserted by the rows of the notice's 提示级别 table; a shared
 * rule gives every finding of the code this severity, so that what sends a submission back is decided in one place.
 */
public record FindingLevel(String code, String severity) {

    /** A level that is none of {@link Severity}'s codes is refused (where the rules load, with file and line, first). */
    public FindingLevel {
        Severity.of(severity);
    }
}
