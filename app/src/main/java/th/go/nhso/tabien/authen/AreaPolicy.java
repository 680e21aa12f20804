package th.go.nhso.tabien.authen;

import org.springframework.stereotype.Component;

import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.HospitalCode;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.TabienException;

/**
 * The one place that decides whether a user may see or act on a facility's cases: staff
 * their own facility, a provincial approver the facilities in the province, a regional
 * approver the facilities in the region's provinces, an admin everything. Every controller
 * and task query asks here.
 */
@Component
public class AreaPolicy {

    private final Registry registry;

    public AreaPolicy(Registry registry) {
        this.registry = registry;
    }

    public boolean mayAccess(StaffUser user, Facility facility) {
        return areaOf(user).contains(facility);
    }

    /**
     * The facility, if the user may act on it.
     *
     * @throws TabienException 404 for an unknown facility, 403 for one outside the user's area
     */
    public Facility requireAccess(StaffUser user, HospitalCode hcode) {
        Facility facility = registry.requireFacility(hcode);
        if (!mayAccess(user, facility)) {
            throw TabienException.forbidden("area.forbidden", hcode.value());
        }
        return facility;
    }

    /** The user's area as a filter any query can apply: level and the code at that level. */
    public Area areaOf(StaffUser user) {
        return switch (user.role()) {
            case ADMIN -> new Area(Area.Level.NATION, null);
            case REGIONAL_APPROVER -> new Area(Area.Level.REGION, String.valueOf(user.region()));
            case PROVINCIAL_APPROVER -> new Area(Area.Level.PROVINCE, user.provinceCode());
            case FACILITY_STAFF -> new Area(Area.Level.FACILITY, user.facilityCode());
            case REGISTRAR -> new Area(Area.Level.NONE, null);
        };
    }

    /** An area: the whole nation, or one region, province or facility. */
    public record Area(Level level, String code) {

        public enum Level { NATION, REGION, PROVINCE, FACILITY, NONE }

        public boolean contains(Facility facility) {
            return switch (level) {
                case NATION -> true;
                case REGION -> String.valueOf(facility.region()).equals(code);
                case PROVINCE -> facility.provinceCode().equals(code);
                case FACILITY -> facility.hcode().equals(code);
                case NONE -> false;
            };
        }
    }
}
