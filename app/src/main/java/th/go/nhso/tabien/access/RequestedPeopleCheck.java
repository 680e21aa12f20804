package th.go.nhso.tabien.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.visit.ThaiMobile;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.BilingualMessages.Bilingual;
import th.go.nhso.tabien.system.TabienException;

/**
 * The one check of the people a facility asks Data Center accounts for, used by the web form
 * and the attachment-1 reader alike. It reports every problem at once, by row and column:
 * national ID (checksum), Thai first and last names, position, e-mail, Thai mobile number, at
 * least one system, one choice per system (New Authentication is check <em>or</em> reserve,
 * as the seed's form asks; KTB Health Wallet Admin <em>or</em> User), the same person twice,
 * and at most one KTB Health Wallet admin in the facility's request.
 */
@Component
public class RequestedPeopleCheck {

    static final int MAX_NAME = 100;
    static final int MAX_TITLE = 50;
    static final int MAX_POSITION = 200;
    static final int MAX_EMAIL = 254;

    /** Thai letters, vowels and marks; spaces, dots, hyphens and brackets between them. */
    private static final Pattern THAI_NAME = Pattern.compile("[\\u0E01-\\u0E4E][\\u0E01-\\u0E4E .()\\-]*");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9_%+'-]+(\\.[A-Za-z0-9_%+'-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}");

    private final BilingualMessages messages;

    public RequestedPeopleCheck(BilingualMessages messages) {
        this.messages = messages;
    }

    /** The web form's people, numbered 1, 2, ... as the form shows them. */
    public List<RowProblem> problemsWith(List<RequestedPerson> people) {
        Map<Integer, RequestedPerson> rows = new LinkedHashMap<>();
        for (int i = 0; i < people.size(); i++) {
            rows.put(i + 1, people.get(i));
        }
        return problemsWith(rows);
    }

    /** People by the row number the user sees (an Excel row); problems come back by row, then column. */
    public List<RowProblem> problemsWith(Map<Integer, RequestedPerson> rows) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> firstRowOfId = new HashMap<>();
        for (Map.Entry<Integer, RequestedPerson> entry : rows.entrySet()) {
            int row = entry.getKey();
            RequestedPerson person = entry.getValue();
            nationalId(row, person, firstRowOfId, problems);
            optional(row, PersonColumn.TITLE, person.title(), MAX_TITLE, problems);
            thaiName(row, PersonColumn.FIRST_NAME, person.firstName(), problems);
            thaiName(row, PersonColumn.LAST_NAME, person.lastName(), problems);
            required(row, PersonColumn.POSITION, person.position(), MAX_POSITION, problems);
            email(row, person.email(), problems);
            mobile(row, person.mobile(), problems);
            systems(row, person, problems);
        }
        oneKtbAdmin(rows, problems);
        problems.sort(Comparator.comparingInt(RowProblem::row));
        return List.copyOf(problems);
    }

    private void nationalId(int row, RequestedPerson person, Map<String, Integer> firstRowOfId, List<RowProblem> problems) {
        String id = person.nationalId();
        try {
            new NationalId(id == null ? "" : id);
        } catch (TabienException e) {
            problems.add(problem(row, PersonColumn.NATIONAL_ID.header(), messages.resolve(e)));
            return;
        }
        Integer first = firstRowOfId.putIfAbsent(id, row);
        if (first != null) {
            problems.add(problem(row, PersonColumn.NATIONAL_ID.header(),
                    messages.resolve("access.person.duplicate", new NationalId(id).formatted(), String.valueOf(first))));
        }
    }

    private void thaiName(int row, PersonColumn column, String value, List<RowProblem> problems) {
        if (required(row, column, value, MAX_NAME, problems) && !THAI_NAME.matcher(value).matches()) {
            problems.add(problem(row, column.header(),
                    messages.resolve("access.person.notThai", column.header(), column.labelEn(), value)));
        }
    }

    /** Adds a problem when the value is missing or too long; true when it is there and fits. */
    private boolean required(int row, PersonColumn column, String value, int max, List<RowProblem> problems) {
        if (value == null) {
            problems.add(problem(row, column.header(),
                    messages.resolve("access.person.required", column.header(), column.labelEn())));
            return false;
        }
        return optional(row, column, value, max, problems);
    }

    private boolean optional(int row, PersonColumn column, String value, int max, List<RowProblem> problems) {
        if (value != null && value.length() > max) {
            problems.add(problem(row, column.header(),
                    messages.resolve("access.person.tooLong", column.header(), column.labelEn(), max)));
            return false;
        }
        return true;
    }

    private void email(int row, String email, List<RowProblem> problems) {
        if (required(row, PersonColumn.EMAIL, email, MAX_EMAIL, problems) && !EMAIL.matcher(email).matches()) {
            problems.add(problem(row, PersonColumn.EMAIL.header(), messages.resolve("access.person.emailInvalid", email)));
        }
    }

    private void mobile(int row, String mobile, List<RowProblem> problems) {
        if (mobile == null) {
            required(row, PersonColumn.MOBILE, null, 0, problems);
            return;
        }
        try {
            ThaiMobile.normalise(mobile);
        } catch (TabienException e) {
            problems.add(problem(row, PersonColumn.MOBILE.header(), messages.resolve(e)));
        }
    }

    private void systems(int row, RequestedPerson person, List<RowProblem> problems) {
        if (person.roles().isEmpty()) {
            problems.add(problem(row, PersonColumn.SYSTEMS.header(), messages.resolve("access.person.noSystem")));
            return;
        }
        for (RequestedSystem system : RequestedSystem.values()) {
            if (system.requestedBy(person).size() > 1) {
                problems.add(problem(row, system.header(), messages.resolve("access.person.oneChoicePerSystem",
                        system.header(), system.nameEn(), String.join(" / ", system.choices()))));
            }
        }
    }

    /** Seed 001: "ในหนึ่งหน่วยขอให้ระบุ Admin 1 ท่าน"; every admin row is flagged, so the user sees them all. */
    private void oneKtbAdmin(Map<Integer, RequestedPerson> rows, List<RowProblem> problems) {
        List<Integer> admins = rows.entrySet().stream()
                .filter(e -> e.getValue().roles().contains(DataCenterRole.KTB_WALLET_ADMIN))
                .map(Map.Entry::getKey).toList();
        if (admins.size() > 1) {
            String list = admins.stream().map(String::valueOf).collect(Collectors.joining(", "));
            for (int row : admins) {
                problems.add(problem(row, RequestedSystem.KTB_HEALTH_WALLET.header(),
                        messages.resolve("access.person.oneKtbAdmin", admins.size(), list)));
            }
        }
    }

    private static RowProblem problem(int row, String column, Bilingual message) {
        return new RowProblem(row, column, message.th(), message.en());
    }
}
