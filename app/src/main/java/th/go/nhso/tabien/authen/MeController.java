package th.go.nhso.tabien.authen;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/me}: who the caller is and the area they answer for. */
@RestController
class MeController {

    @GetMapping("/api/v1/me")
    Me me(StaffUser user) {
        return new Me(user.username(), user.displayName(), List.of(user.role().name()), user.facilityCode(),
                user.provinceCode(), user.region());
    }

    record Me(String username, String displayName, List<String> roles, String facilityCode, String provinceCode,
              Integer region) {
    }
}
