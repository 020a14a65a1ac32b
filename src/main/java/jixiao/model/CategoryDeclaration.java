package jixiao.model;

import java.math.BigDecimal;

/**
 * What the submission says about a first-level category (一级指标): that it does not apply to this department,
 * or that the department adjusted its weight. What follows from it is the policy's to decide.
 *
 * @param applicable false when the category is declared not applicable (never null once read)
 * @param weight     the weight the department gives it, or null to keep the notice's
 * @param note       the department's explanation
 * @param fields     the fields its notice declares for categories
 */
public record CategoryDeclaration(String name, Boolean applicable, BigDecimal weight, String note, Fields fields)
        implements WithFields {
    public CategoryDeclaration {
        applicable = applicable == null ? Boolean.TRUE : applicable;
        fields = fields == null ? Fields.NONE : fields;
    }

    /** A declaration with no notice-declared fields. */
    public CategoryDeclaration(String name, Boolean applicable, BigDecimal weight, String note) {
        this(name, applicable, weight, note, Fields.NONE);
    }

    public CategoryDeclaration withFields(Fields newFields) {
        return new CategoryDeclaration(name, applicable, weight, note, newFields);
    }

}
