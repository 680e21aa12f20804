package th.go.nhso.tabien.system;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.support.TabienTest;

/** Static files are served from their own paths, without a login; nothing else is a file. */
@TabienTest
class StaticFilesTests {

    @Autowired MockMvc mvc;

    @Test
    void stylesScriptsFontsAndVersionlessWebjarsAreServed() throws Exception {
        mvc.perform(get("/css/tabien.css")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
        mvc.perform(get("/js/counter.js")).andExpect(status().isOk());
        mvc.perform(get("/fonts/Sarabun-Regular.ttf")).andExpect(status().isOk());
        mvc.perform(get("/webjars/chart.js/dist/chart.umd.min.js")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Chart")));
        mvc.perform(get("/webjars/bpmn-js/dist/bpmn-navigated-viewer.production.min.js")).andExpect(status().isOk());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }

    @Test
    void filesOutsideTheStaticFoldersAreNotServed() throws Exception {
        mvc.perform(get("/application.yaml").with(user("admin").roles("ADMIN"))).andExpect(status().isNotFound());
        mvc.perform(get("/messages.properties").with(user("admin").roles("ADMIN"))).andExpect(status().isNotFound());
        mvc.perform(get("/css/../application.yaml")).andExpect(status().is4xxClientError());
    }
}
