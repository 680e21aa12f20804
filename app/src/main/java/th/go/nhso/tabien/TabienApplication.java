package th.go.nhso.tabien;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableProcessApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TabienApplication {

    public static void main(String[] args) {
        SpringApplication.run(TabienApplication.class, args);
    }
}
