package th.go.nhso.tabien.diagram;

import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import th.go.nhso.tabien.authen.StaffUser;

/** The data the case pages' diagram fragment fetches: {@code fragments/diagram.html}. */
@RestController
class DiagramController {

    private final ProcessDiagrams diagrams;

    DiagramController(ProcessDiagrams diagrams) {
        this.diagrams = diagrams;
    }

    @GetMapping("/processes/{processKey}/{businessKey}/diagram")
    ProcessDiagrams.Diagram diagram(StaffUser user, @PathVariable String processKey, @PathVariable String businessKey,
                                    Locale locale) {
        return diagrams.of(user, processKey, businessKey, locale);
    }
}
