package th.go.nhso.tabien.tasks;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import th.go.nhso.tabien.authen.AreaPolicy;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.tasks.TaskList.DueState;
import th.go.nhso.tabien.tasks.TaskList.Filter;
import th.go.nhso.tabien.tasks.TaskList.Tab;

/**
 * "งานของฉัน": the task list page, and claim, unclaim and hand-over. A task is completed on
 * its case page, through the task's form; the list links there.
 */
@Controller
class TaskListController {

    private final TaskList taskList;
    private final AreaPolicy areas;
    private final Registry registry;
    private final RepositoryService repository;

    TaskListController(TaskList taskList, AreaPolicy areas, Registry registry, RepositoryService repository) {
        this.taskList = taskList;
        this.areas = areas;
        this.registry = registry;
        this.repository = repository;
    }

    @GetMapping("/tasks")
    String list(StaffUser user, @RequestParam(defaultValue = "mine") String tab,
                @RequestParam(required = false) String process, @RequestParam(required = false) String facility,
                @RequestParam(required = false) String province, @RequestParam(required = false) String due, @RequestParam(defaultValue = "1") int page, Model model) {
        Tab selected = parseTab(tab, user);
        Filter filter = new Filter(blankToNull(process), blankToNull(facility), blankToNull(province), parseDue(due));
        TaskList.Page result = taskList.page(user, selected, filter, page);
        model.addAttribute("user", user);
        model.addAttribute("tab", selected.name().toLowerCase(Locale.ROOT));
        model.addAttribute("result", result);
        model.addAttribute("filter", filter);
        model.addAttribute("processes", processes());
        var facilities = registry.facilities().stream().filter(f -> areas.mayAccess(user, f)).toList();
        model.addAttribute("facilities", facilities);
        model.addAttribute("provinces", registry.provinces().stream()
                .filter(p -> facilities.stream().anyMatch(f -> f.provinceCode().equals(p.code()))).toList());
        model.addAttribute("dueStates", DueState.values());
        String tabName = selected.name().toLowerCase(Locale.ROOT);
        model.addAttribute("previousPage", result.number() > 1 ? pageLink(tabName, filter, result.number() - 1) : null);
        model.addAttribute("nextPage", result.number() < result.pages() ? pageLink(tabName, filter, result.number() + 1) : null);
        model.addAttribute("members", selected == Tab.MINE ? membersByTask(result.rows()) : Map.of());
        model.addAttribute("notes", taskList.notesOf(result.rows()));
        return "tasks/list";
    }

    @PostMapping("/tasks/{taskId}/claim")
    String claim(StaffUser user, @PathVariable String taskId, RedirectAttributes redirect) {
        taskList.claim(user, taskId);
        redirect.addFlashAttribute("done", "tasks.claimed");
        return "redirect:/tasks?tab=mine";
    }

    @PostMapping("/tasks/{taskId}/unclaim")
    String unclaim(StaffUser user, @PathVariable String taskId, RedirectAttributes redirect) {
        taskList.unclaim(user, taskId);
        redirect.addFlashAttribute("done", "tasks.unclaimed");
        return "redirect:/tasks?tab=group";
    }

    @PostMapping("/tasks/{taskId}/delegation")
    String delegate(StaffUser user, @PathVariable String taskId, @RequestParam(required = false) String assignee,
                    RedirectAttributes redirect) {
        taskList.delegate(user, taskId, assignee);
        redirect.addFlashAttribute("done", "tasks.delegated");
        return "redirect:/tasks?tab=mine";
    }

    @PostMapping("/tasks/{taskId}/comments")
    String comment(StaffUser user, @PathVariable String taskId, @RequestParam(required = false) String text,
                   @RequestParam(defaultValue = "mine") String tab, RedirectAttributes redirect) {
        taskList.comment(user, taskId, text);
        redirect.addFlashAttribute("done", "tasks.commented");
        return "redirect:/tasks?tab=" + ("group".equals(tab) || "unattended".equals(tab) ? tab : "mine");
    }

    /** Keeps the tab and filters when moving to another page. */
    private static String pageLink(String tab, Filter filter, int page) {
        return UriComponentsBuilder.fromPath("/tasks").queryParam("tab", tab)
                .queryParamIfPresent("process", java.util.Optional.ofNullable(filter.process()))
                .queryParamIfPresent("facility", java.util.Optional.ofNullable(filter.facility()))
                .queryParamIfPresent("province", java.util.Optional.ofNullable(filter.province()))
                .queryParamIfPresent("due", java.util.Optional.ofNullable(filter.due()))
                .queryParam("page", page).build().encode().toUriString();
    }

    private Map<String, String> processes() {
        Map<String, String> byKey = new LinkedHashMap<>();
        repository.createProcessDefinitionQuery().latestVersion().list().stream()
                .sorted(Comparator.comparing(ProcessDefinition::getKey))
                .forEach(d -> byKey.put(d.getKey(), d.getName() == null ? d.getKey() : d.getName()));
        return byKey;
    }

    private Map<String, List<String>> membersByTask(List<TaskList.TaskRow> rows) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (TaskList.TaskRow row : rows) {
            String group = row.candidateGroup() == null ? "" : row.candidateGroup();
            members.put(row.taskId(), byGroup.computeIfAbsent(group, g -> taskList.membersOf(row)));
        }
        return members;
    }

    private static Tab parseTab(String tab, StaffUser user) {
        return switch (tab) {
            case "group" -> Tab.GROUP;
            case "unattended" -> user.isAdmin() ? Tab.UNATTENDED : Tab.MINE;
            default -> Tab.MINE;
        };
    }

    private static DueState parseDue(String due) {
        if (due == null || due.isBlank()) {
            return null;
        }
        try {
            return DueState.valueOf(due.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
