package th.go.nhso.tabien.system;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * A Camunda business calendar that understands "15 working days" (or "15 วันทำการ") besides
 * everything the engine's own calendar understands, so a model can say
 * {@code camunda:dueDate="15 working days"} or use it as a timer duration. The deadline falls
 * at the close of the government working day (16:30 Bangkok time).
 */
public class WorkingDayBusinessCalendar implements BusinessCalendar {

    private static final Pattern WORKING_DAYS = Pattern.compile("(\\d{1,3})\\s*(working days?|วันทำการ)");
    static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(16, 30);

    private final BusinessCalendar engineCalendar;
    private final WorkingDays workingDays;

    public WorkingDayBusinessCalendar(BusinessCalendar engineCalendar, WorkingDays workingDays) {
        this.engineCalendar = engineCalendar;
        this.workingDays = workingDays;
    }

    @Override
    public Date resolveDuedate(String description) {
        return resolveDuedate(description, (Date) null);
    }

    @Override
    public Date resolveDuedate(String description, Task task) {
        return resolveDuedate(description, (Date) null);
    }

    @Override
    public Date resolveDuedate(String description, Date startDate) {
        Matcher m = WORKING_DAYS.matcher(description.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return engineCalendar.resolveDuedate(description, startDate);
        }
        Date start = startDate != null ? startDate : ClockUtil.getCurrentTime();
        LocalDate from = start.toInstant().atZone(ThaiDates.BANGKOK).toLocalDate();
        LocalDate due = workingDays.plusWorkingDays(from, Integer.parseInt(m.group(1)));
        return Date.from(ZonedDateTime.of(due, CLOSE_OF_BUSINESS, ThaiDates.BANGKOK).toInstant());
    }
}
