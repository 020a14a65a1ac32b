package jixiao.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The metadata file {@code notice.json} of a policy folder: what notice the rules implement.
 *
 * @param id     the folder's name, which submissions use in their "notice" field
 * @param kind   what kind of self-evaluation it scores (e.g. 部门整体绩效自评)
 * @param source the document the rules transcribe
 * @param base   the notice this one builds on, pinned by its fingerprint; null for a notice written whole
 * @param drop   files of the base that this notice takes away
 * @param shared true for a folder of rules that notices build on and that scores nothing by itself
 * @param fields the fields this notice's submissions carry besides the built-in ones (扣分, 核查分, 核查意见…); a
 *               notice built on a base carries the base's too, and one of the same name replaces the base's
 * @param codes  the finding codes its rules write, each with the Chinese name reports show beside it and what it
 *               means in one line; a notice built on a base has the base's too, and its own entry for a code replaces
 *               the base's
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notice(String id, String title, String issuer, Integer year, String kind, String source,
                     String description, Base base, List<String> drop, Boolean shared,
                     List<jixiao.model.FieldDeclaration> fields,
                     java.util.LinkedHashMap<String, CodeName> codes) {

    public Notice(String id, String title, String issuer, Integer year, String kind, String source,
                  String description) {
        this(id, title, issuer, year, kind, source, description, null, null, null, null, null);
    }

    public Notice(String id, String title, String issuer, Integer year, String kind, String source,
                  String description, Base base, List<String> drop, Boolean shared) {
        this(id, title, issuer, year, kind, source, description, base, drop, shared, null, null);
    }

    /** A finding code's Chinese name (短语, as a column of a report shows it) and its meaning in one line. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CodeName(String name, String meaning) {
    }

    /** Whether this folder is only a base for others (it is never offered for scoring or required to have scenarios). */
    public boolean isShared() {
        return Boolean.TRUE.equals(shared);
    }

    /** A pinned base: the notice folder beside this one, and the fingerprint of its rules when it was pinned. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Base(String notice, String fingerprint) {
    }
}
