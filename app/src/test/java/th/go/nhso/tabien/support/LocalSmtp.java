package th.go.nhso.tabien.support;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/** A mail sender to a test's own SMTP server (GreenMail) on this machine, as {@code spring.mail.*} would configure it. */
public final class LocalSmtp {

    private LocalSmtp() {
    }

    /** Short time-outs, so a server that is down fails a delivery round at once. */
    public static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("localhost");
        sender.setPort(port);
        sender.setDefaultEncoding("UTF-8");
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        sender.getJavaMailProperties().put("mail.from", "tabien@localhost");
        return sender;
    }
}
