package th.go.nhso.tabien.authen;

/**
 * Who is asking, and the area they answer for: the facility, province or region their role
 * is bound to. Every area decision is made from this, whichever directory logged them in.
 */
public record StaffUser(String username, String displayName, Role role, String facilityCode, String provinceCode,
                        Integer region) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
