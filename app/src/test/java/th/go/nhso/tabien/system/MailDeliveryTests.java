package th.go.nhso.tabien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.support.LocalSmtp;
import th.go.nhso.tabien.support.MovableClock;

/** The outbox against a real SMTP server (GreenMail), including the server being down. */
class MailDeliveryTests {

    private final ServerSetup smtp = ServerSetup.SMTP.dynamicPort();
    private GreenMail greenMail;
    private JdbcClient jdbc;
    private MailOutbox outbox;
    private MailDelivery delivery;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:mail-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).table("tabien_schema_history").load().migrate();
        jdbc = JdbcClient.create((DataSource) dataSource);
        greenMail = new GreenMail(smtp);
        greenMail.start();
        outbox = new MailOutbox(jdbc, clock);
        delivery = new MailDelivery(jdbc, LocalSmtp.sender(greenMail.getSmtp().getPort()), clock);
    }

    @AfterEach
    void tearDown() {
        greenMail.stop();
    }

    @Test
    void sendsEachMailExactlyOnceInThai() throws Exception {
        outbox.enqueue("staff@hospital.example", "บัญชีผู้ใช้งานของท่านพร้อมใช้งาน", "เรียน ผู้ใช้งาน\nบัญชีพร้อมใช้งานแล้ว");
        delivery.deliver();
        delivery.deliver();

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("บัญชีผู้ใช้งานของท่านพร้อมใช้งาน");
        assertThat(received[0].getContent().toString()).contains("บัญชีพร้อมใช้งานแล้ว");
        assertThat(outbox.latest(10)).singleElement().satisfies(m -> assertThat(m.sentAt()).isNotNull());
    }

    @Test
    void smtpDownKeepsTheMailAndRetriesLater() throws Exception {
        outbox.enqueue("approver@province.example", "มีคำขอรอตรวจสอบ", "โปรดตรวจสอบภายในกำหนด");
        int port = greenMail.getSmtp().getPort();
        greenMail.stop();
        delivery.deliver();

        MailOutbox.Mail waiting = outbox.latest(10).get(0);
        assertThat(waiting.sentAt()).isNull();
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.lastError()).isNotBlank();

        greenMail = new GreenMail(new ServerSetup(port, null, ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        delivery.deliver();
        assertThat(greenMail.getReceivedMessages()).as("the next try waits its pause").isEmpty();
        clock.advance(Duration.ofSeconds(16));
        delivery.deliver();
        delivery.deliver();

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(outbox.latest(10).get(0).sentAt()).isNotNull();
    }
}
