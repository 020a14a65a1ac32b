package jixiao.input;

import java.util.List;
import jixiao.model.FieldDeclaration;

/**
 * Where the reader learns which fields a notice's submissions carry besides the built-in ones (from the notice's
 * {@code notice.json}, its bases' included): a submission is read by its notice's declarations.
 */
@FunctionalInterface
public interface FieldCatalog {

    /** The fields the named notice declares; empty when it declares none (or is not known: scoring says so). */
    List<FieldDeclaration> fieldsOf(String notice);

    /** No notice declares anything: only the built-in fields are read. */
    FieldCatalog NONE = notice -> List.of();

    /** The same fields whatever notice a submission names (scoring by a given rules folder). */
    static FieldCatalog of(List<FieldDeclaration> fields) {
        return notice -> fields;
    }
}
