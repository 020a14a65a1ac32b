package jixiao.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The metadata file {@code notice.json} of a policy folder: what notice the rules implement.
 *
 * @param id     the folder's name, which submissions use in their "notice" field
 * @param kind   what kind of self-evaluation it scores (e.g. 部门整体绩效自评)
 * @param source the document the rules transcribe
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Notice(String id, String title, String issuer, Integer year, String kind, String source,
                     String description) {
}
