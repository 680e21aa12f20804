package th.go.nhso.tabien.birth;

/** One thing wrong with one field of a record, named by its path (e.g. {@code mother.nationalId}). */
public record FieldProblem(String field, String code, Object... args) {
}
