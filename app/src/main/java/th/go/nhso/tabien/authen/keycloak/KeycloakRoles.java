package th.go.nhso.tabien.authen.keycloak;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;

/** Realm role names, both ways: one realm role per Tabien {@link Role} and per {@link DataCenterRole}. */
final class KeycloakRoles {

    /** When an account holds more than one Tabien role, the widest wins. */
    private static final List<Role> PRECEDENCE = List.of(Role.ADMIN, Role.REGIONAL_APPROVER, Role.PROVINCIAL_APPROVER,
            Role.FACILITY_STAFF, Role.REGISTRAR);

    private KeycloakRoles() {
    }

    static Optional<Role> tabienRole(Collection<String> realmRoles) {
        return PRECEDENCE.stream().filter(r -> realmRoles.contains(r.name())).findFirst();
    }

    static Set<DataCenterRole> dataCenterRoles(Collection<String> realmRoles) {
        Set<DataCenterRole> roles = EnumSet.noneOf(DataCenterRole.class);
        for (DataCenterRole role : DataCenterRole.values()) {
            if (realmRoles.contains(role.directoryRole())) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** The realm roles Tabien owns on an account; any other (default-roles-tabien, offline_access) is left alone. */
    static boolean managed(String realmRole) {
        for (Role role : Role.values()) {
            if (role.name().equals(realmRole)) {
                return true;
            }
        }
        for (DataCenterRole role : DataCenterRole.values()) {
            if (role.directoryRole().equals(realmRole)) {
                return true;
            }
        }
        return false;
    }
}
