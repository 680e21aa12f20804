package th.go.nhso.tabien.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.visit.ThaiMobile;

/**
 * One person of a Data Center account request (one row of attachment 1). Built from what the
 * user typed, so it holds any value: {@link RequestedPeopleCheck} says what is wrong with it.
 * Text is stripped and blank becomes null; the national ID loses its dashes and spaces, and a
 * valid mobile number is kept as its ten digits.
 *
 * @param title optional (นาย, นาง, นางสาว, ...)
 * @param roles the Data Center roles requested, at most one per system
 */
public record RequestedPerson(String nationalId, String title, String firstName, String lastName, String position,
                              String email, String mobile, Set<DataCenterRole> roles) {

    private static final Pattern ID_SEPARATORS = Pattern.compile("[\\s-]");

    public RequestedPerson {
        nationalId = clean(nationalId == null ? null : ID_SEPARATORS.matcher(nationalId).replaceAll(""));
        title = clean(title);
        firstName = clean(firstName);
        lastName = clean(lastName);
        position = clean(position);
        email = clean(email);
        mobile = clean(mobile);
        if (mobile != null && ThaiMobile.isValid(mobile)) {
            mobile = ThaiMobile.normalise(mobile);
        }
        roles = roles == null || roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    /** "นายสมชาย ใจดี": Thai writes the title against the first name. */
    public String fullName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return (title == null ? "" : title) + name;
    }

    /** The systems requested, one per line, in Thai (with the option, e.g. "KTB Health Wallet (Admin)"). */
    public String systemsTh() {
        return roles.stream().map(DataCenterRole::labelTh).collect(Collectors.joining("\n"));
    }

    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
