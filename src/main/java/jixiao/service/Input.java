package jixiao.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import jixiao.input.FieldCatalog;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.input.Submissions;
import jixiao.input.TableLayout;
import jixiao.model.Submission;

/** One submission to score, as it came: a file, a line of a JSON Lines file, a request body or an upload. */
public interface Input {

    /** How messages name it: a file, {@code file:line}, {@code request body}, an upload's file name. */
    String label();

    /** Reads the submission (its built-in fields only), or says exactly why it cannot be read. */
    default Submission read() throws InputException {
        return read(FieldCatalog.NONE);
    }

    /** Reads the submission with the fields its notice declares, or says exactly why it cannot be read. */
    Submission read(FieldCatalog fields) throws InputException;

    /** The file-name suffixes of the tables an upload may be, besides .json. */
    java.util.List<String> TABLE_SUFFIXES = java.util.List.of(".xlsx", ".docx", ".csv");

    /**
     * A submission sent as bytes: JSON, or a self-evaluation table when {@code suffix} is one of
     * {@link #TABLE_SUFFIXES}; read exactly as the command line reads a file, without touching the disk.
     *
     * @param notice the notice to score it by instead of the one it names, or null
     */
    static Upload upload(String label, String suffix, byte[] bytes, String notice, TableLayout layout) {
        return new Upload(label, suffix == null ? ".json" : suffix.toLowerCase(Locale.ROOT), bytes, notice, layout);
    }

    /** A submission sent as bytes; once read, {@link #tree()} is the JSON it was read as (to keep as a scenario). */
    final class Upload implements Input {
        private final String label;
        private final String suffix;
        private final byte[] bytes;
        private final String notice;
        private final TableLayout layout;
        private ObjectNode tree;
        private java.util.List<String> notUsed = java.util.List.of();
        private Submissions.Imported imported;

        private Upload(String label, String suffix, byte[] bytes, String notice, TableLayout layout) {
            this.label = label;
            this.suffix = suffix;
            this.bytes = bytes;
            this.notice = notice;
            this.layout = layout;
        }

        @Override
        public String label() {
            return label;
        }

        public boolean isTable() {
            return TABLE_SUFFIXES.contains(suffix);
        }

        @Override
        public Submission read(FieldCatalog fields) throws InputException {
            String id = label.replaceFirst("\\.[^.]*$", "");
            if (isTable()) {
                // the file's own name where it has one, so that a cell reads as that file's (表.csv!C12), not "upload"
                String file = label.toLowerCase(java.util.Locale.ROOT).endsWith(suffix) ? label : "upload" + suffix;
                imported = Submissions.importWithAccount(label, file, bytes, notice, layout, fields);
                tree = imported.tree();
                notUsed = imported.notUsed().stream().map(u -> u.address() + " “" + u.text().strip() + "”").toList();
                return Submissions.submissionOf(label, imported, tree.path("id").asText(id), fields);
            }
            if (notice != null) {
                tree = SubmissionReader.tree(label, bytes);
                tree.put("notice", notice);
                return SubmissionReader.fromTree(label, tree, id, fields);
            }
            return SubmissionReader.parse(label, bytes, id, fields); // parsed once: the tree only when asked for
        }

        /**
         * Where each part of a submission read from a table was written: the cell a JSON path was read from (for a
         * row, its name's cell); null for a submission sent as JSON.
         */
        public java.util.function.Function<String, String> cellOf() {
            return imported == null ? null : imported::cellOf;
        }

        /** A table's cells that nothing read, by address and text (after a {@link #read()}): to be said, not dropped. */
        public java.util.List<String> notUsed() {
            return notUsed;
        }

        /** The JSON the submission was read from (call after a {@link #read()} that succeeded). */
        public ObjectNode tree() throws InputException {
            if (tree == null) {
                tree = SubmissionReader.tree(label, bytes);
            }
            return tree;
        }
    }
}
