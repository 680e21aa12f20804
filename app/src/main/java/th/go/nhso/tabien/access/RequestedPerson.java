package th.go.nhso.tabien.access;

import java.util.Set;

import th.go.nhso.tabien.authen.DataCenterRole;

/** One row of attachment 1: a person who needs Data Center access, and the roles asked for. */
public record RequestedPerson(String nationalId, String title, String firstName, String lastName, String position,
                              String email, String mobile, Set<DataCenterRole> roles) {

    public RequestedPerson {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
