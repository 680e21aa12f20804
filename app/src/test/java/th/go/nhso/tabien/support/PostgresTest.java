package th.go.nhso.tabien.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application in the {@code postgres} profile (no demo data, no demo logins) on a
 * real PostgreSQL that the test suite starts itself. Classes named {@code Postgres*Tests}
 * run in a JVM of their own (see app/pom.xml): Camunda registers its engine and process
 * application in JMX once per JVM, so they cannot share a JVM with the H2 context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = "camunda.bpm.job-execution.enabled=false")
@Import(EmbeddedPostgresConfig.class)
@ActiveProfiles("postgres")
@AutoConfigureMockMvc
// closed after each class, so tests that start their own application (restart) find the JVM free
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface PostgresTest {
}
