package th.go.nhso.tabien.access;

import java.util.List;

import org.springframework.http.HttpStatus;

import th.go.nhso.tabien.system.TabienException;

/**
 * Attachment 1 is refused as a whole, nothing of it is taken: every problem found, by row and
 * column as the user sees them in Excel (row {@link RowProblem#WHOLE_FILE} for the file itself).
 * Code {@code access.attachment.invalid}, argument: the number of problems.
 */
public class InvalidAttachmentException extends TabienException {

    private final transient List<RowProblem> problems;

    public InvalidAttachmentException(List<RowProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "access.attachment.invalid", problems.size());
        this.problems = List.copyOf(problems);
        with("problems", this.problems);
    }

    public List<RowProblem> problems() {
        return problems;
    }
}
