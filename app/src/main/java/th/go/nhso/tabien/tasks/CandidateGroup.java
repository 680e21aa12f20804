package th.go.nhso.tabien.tasks;

import java.util.Optional;

import th.go.nhso.tabien.authen.AreaPolicy.Area;

/**
 * A candidate group the processes give their user tasks: {@code facility:<hcode>},
 * {@code province:<code>} or {@code region:<n>}. Its members are the staff whose area is
 * exactly that facility, province or region.
 */
record CandidateGroup(Area.Level level, String code) {

    static Optional<CandidateGroup> parse(String group) {
        if (group == null) {
            return Optional.empty();
        }
        int colon = group.indexOf(':');
        if (colon <= 0 || colon == group.length() - 1) {
            return Optional.empty();
        }
        String code = group.substring(colon + 1).trim();
        return switch (group.substring(0, colon)) {
            case "facility" -> code.matches("\\d{5}") ? Optional.of(new CandidateGroup(Area.Level.FACILITY, code)) : Optional.empty();
            case "province" -> code.matches("\\d{2}") ? Optional.of(new CandidateGroup(Area.Level.PROVINCE, code)) : Optional.empty();
            case "region" -> code.matches("\\d{1,2}") ? Optional.of(new CandidateGroup(Area.Level.REGION, String.valueOf(Integer.parseInt(code))))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The group a user belongs to, if their role works a task list (admins and registrars have none). */
    static Optional<CandidateGroup> of(Area area) {
        return switch (area.level()) {
            case FACILITY, PROVINCE, REGION -> Optional.of(new CandidateGroup(area.level(), area.code()));
            default -> Optional.empty();
        };
    }

    boolean hasMember(Area userArea) {
        return userArea.level() == level && code.equals(userArea.code());
    }

    @Override
    public String toString() {
        return level.name().toLowerCase(java.util.Locale.ROOT) + ":" + code;
    }
}
