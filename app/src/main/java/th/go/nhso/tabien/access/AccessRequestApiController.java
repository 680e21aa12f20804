package th.go.nhso.tabien.access;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import th.go.nhso.tabien.authen.StaffUser;

/** The request's status and each person's outcome, and the approvers' decisions, for other systems. */
@RestController
@Tag(name = "Data Center account requests", description = "Facility → provincial office → regional NHSO office")
class AccessRequestApiController {

    private final AccessRequests requests;

    AccessRequestApiController(AccessRequests requests) {
        this.requests = requests;
    }

    @GetMapping("/api/v1/access-requests")
    @Operation(summary = "The requests the caller's area covers, newest first")
    List<AccessRequest> list(StaffUser user) {
        return requests.visibleTo(user);
    }

    @GetMapping("/api/v1/access-requests/{id}")
    @Operation(summary = "A request with each person's outcome and its history")
    AccessRequest.Details get(StaffUser user, @PathVariable long id) {
        return requests.details(user, id);
    }

    record ProvinceDecisionBody(AccessRequests.ProvinceDecision decision, Set<Integer> lines, String reason) {
    }

    record RegionDecisionBody(AccessRequests.RegionDecision decision, Set<Integer> lines, String reason) {
    }

    @PostMapping("/api/v1/access-requests/{id}/province-decision")
    @Operation(summary = "Provincial approver: FORWARD the given lines (reason for the others), RETURN or REJECT with a reason; 409 if already decided")
    AccessRequest.Details province(StaffUser user, @PathVariable long id, @RequestBody ProvinceDecisionBody body) {
        requests.decideAtProvince(user, id, body.decision(), body.lines(), body.reason());
        return requests.details(user, id);
    }

    @PostMapping("/api/v1/access-requests/{id}/region-decision")
    @Operation(summary = "Regional approver: APPROVE the given forwarded lines (accounts are then created) or REJECT with a reason")
    AccessRequest.Details region(StaffUser user, @PathVariable long id, @RequestBody RegionDecisionBody body) {
        requests.decideAtRegion(user, id, body.decision(), body.lines(), body.reason());
        return requests.details(user, id);
    }
}
