package th.go.nhso.tabien.system;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Resolves one message code in both of Tabien's languages: refusals are always told in both. */
@Component
public class BilingualMessages {

    public static final Locale THAI = ThaiDates.THAI;

    private final MessageSource messages;

    public BilingualMessages(MessageSource messages) {
        this.messages = messages;
    }

    public Bilingual resolve(String code, Object... args) {
        return new Bilingual(
                messages.getMessage(code, args, code, THAI),
                messages.getMessage(code, args, code, Locale.ENGLISH));
    }

    public Bilingual resolve(TabienException e) {
        return resolve(e.code(), e.args());
    }

    public record Bilingual(String th, String en) {
        @Override
        public String toString() {
            return th + " / " + en;
        }
    }
}
