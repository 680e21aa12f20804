package th.go.nhso.tabien.birth;

import java.util.List;

/** A record that cannot be filed, with every problem found, not just the first. */
public class InvalidBirthRecordException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidBirthRecordException(List<FieldProblem> problems) {
        super(problems.size() + " problem(s) in the birth record");
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
