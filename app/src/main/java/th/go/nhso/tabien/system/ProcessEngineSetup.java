package th.go.nhso.tabien.system;

import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The calendar beans and the engine plugin that teaches Camunda Thai working days. */
@Configuration(proxyBeanMethods = false)
public class ProcessEngineSetup {

    @Bean
    HolidayCalendar holidayCalendar() {
        return HolidayCalendar.loadFromClasspath();
    }

    @Bean
    WorkingDays workingDays(HolidayCalendar holidays) {
        return new WorkingDays(holidays);
    }

    @Bean
    AbstractProcessEnginePlugin workingDayCalendarPlugin(WorkingDays workingDays) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
                calendars.addBusinessCalendar(DurationBusinessCalendar.NAME,
                        new WorkingDayBusinessCalendar(new DurationBusinessCalendar(), workingDays));
                calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME,
                        new WorkingDayBusinessCalendar(new DueDateBusinessCalendar(), workingDays));
                calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
                configuration.setBusinessCalendarManager(calendars);
            }
        };
    }
}
