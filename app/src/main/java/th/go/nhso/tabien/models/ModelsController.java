package th.go.nhso.tabien.models;

import java.io.IOException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import th.go.nhso.tabien.authen.StaffUser;

/**
 * {@code /admin/models} (ADMIN, by the /admin/** rule): the deployed BPMN and DMN versions,
 * and a new version uploaded, checked, deployed and its running instances migrated.
 */
@Controller
class ModelsController {

    private final ProcessModels models;

    ModelsController(ProcessModels models) {
        this.models = models;
    }

    @GetMapping("/admin/models")
    String list(Model model) {
        model.addAttribute("models", models.deployed());
        return "admin/models";
    }

    /** "check" shows the diff and the problems without deploying; "deploy" checks again and deploys only if valid. */
    @PostMapping("/admin/models")
    String upload(StaffUser user, @RequestParam("file") MultipartFile file,
                  @RequestParam(defaultValue = "check") String action,
                  @RequestParam(defaultValue = "false") boolean newModel,
                  @RequestParam(defaultValue = "false") boolean migrate, Model model) throws IOException {
        if (file.getSize() > ProcessModels.MAX_BYTES) {
            // by the size the upload declares, before a byte of it is read or parsed
            model.addAttribute("check", models.tooLarge(file.getOriginalFilename()));
            return list(model);
        }
        byte[] content = file.getBytes();
        if ("deploy".equals(action)) {
            ProcessModels.Result result = models.deploy(user.username(), file.getOriginalFilename(), content, newModel, migrate);
            model.addAttribute("check", result.check());
            model.addAttribute("result", result);
        } else {
            model.addAttribute("check", models.check(file.getOriginalFilename(), content, newModel));
        }
        return list(model);
    }

    @PostMapping("/admin/models/migration")
    String migrate(StaffUser user, @RequestParam String definitionId, Model model) {
        model.addAttribute("migration", models.migrateToLatest(user.username(), definitionId));
        return list(model);
    }

    @GetMapping("/admin/models/{kind}/{definitionId}/xml")
    ResponseEntity<byte[]> xml(@PathVariable ProcessModels.Kind kind, @PathVariable String definitionId) {
        ProcessModels.Resource resource = models.xml(kind, definitionId);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(resource.fileName()).build().toString())
                .contentType(MediaType.APPLICATION_XML).body(resource.content());
    }
}
