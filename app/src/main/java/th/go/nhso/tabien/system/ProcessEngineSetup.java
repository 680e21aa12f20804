package th.go.nhso.tabien.system;

import java.util.List;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The calendar beans and the engine plugin that teaches Camunda Thai working days and
 * registers Tabien's history level ({@link FullHistoryWithoutJobScheduling}).
 */
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
    AbstractProcessEnginePlugin tabienEnginePlugin(WorkingDays workingDays) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                nameTheDatatypeFactory();
                // named by camunda.bpm.history-level; Camunda looks a level up by name among these
                configuration.setCustomHistoryLevels(List.of(new FullHistoryWithoutJobScheduling()));
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

    /**
     * Camunda asks {@code DatatypeFactory.newInstance()} for every timer it starts (the
     * registration deadline of each birth); unless the factory is named by its system property,
     * each call scans every jar on the class path for one, 7 % of a filing's CPU. Naming the
     * factory that scan finds keeps the same factory without the scan.
     */
    private static void nameTheDatatypeFactory() {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            try {
                System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.newInstance().getClass().getName());
            } catch (DatatypeConfigurationException noFactory) {
                throw new IllegalStateException("No javax.xml DatatypeFactory: Camunda cannot start timers", noFactory);
            }
        }
    }
}
