package th.go.nhso.tabien.authen.visit.card;

import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.visit.card.ThaiIdCardParser.Field;

/**
 * Reads the Thai national ID card in a PC/SC reader attached to the machine Tabien runs on, so the
 * counter gets the patient's citizen ID before requesting an NHSO authen code. No reader, no card
 * or no PC/SC layer on the machine is an ordinary answer here: empty, at once.
 */
@Component
public class CardReader {

    private static final Logger log = LoggerFactory.getLogger(CardReader.class);
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    /** SELECT by name of the Thai national ID applet: {@code 00 A4 04 00 08 A0 00 00 00 54 48 00 01}. */
    private static final byte[] SELECT_APPLET = {0x00, (byte) 0xA4, 0x04, 0x00, 0x08,
            (byte) 0xA0, 0x00, 0x00, 0x00, 0x54, 0x48, 0x00, 0x01};

    static {
        // The JDK's PC/SC provider answers SW 61xx itself with GET RESPONSE 00 C0 00 00, but cards
        // whose ATR starts 3B 67 want 00 C0 00 01. Leave GET RESPONSE to readCard, which knows the
        // ATR. The provider reads these once, when it first opens a channel; -D on the command
        // line still wins.
        for (String property : List.of("sun.security.smartcardio.t0GetResponse",
                "sun.security.smartcardio.t1GetResponse")) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "false");
            }
        }
    }

    /** The card as the APDU sequence needs it: one command in, the whole response with SW1 SW2 out. */
    @FunctionalInterface
    interface Channel {
        byte[] transmit(byte[] apdu) throws CardException;
    }

    /**
     * The card in the first reader that holds one.
     *
     * @return empty when there is no reader, no card, no PC/SC service, or the card is not a Thai
     *         national ID card, could not be read to the end, or answered an ID that fails its
     *         check digit (the clerk then types the ID printed on the card)
     */
    public synchronized Optional<ThaiIdCard> read() {
        CardTerminal terminal = terminalWithCard();
        if (terminal == null) {
            return Optional.empty();
        }
        Card card;
        try {
            card = terminal.connect("*");
        } catch (CardException | RuntimeException e) {
            // Taken out just now, or held exclusively by another program.
            log.debug("Could not connect to the card in {}", terminal.getName(), e);
            return Optional.empty();
        }
        try {
            CardChannel basic = card.getBasicChannel();
            return Optional.of(readCard(apdu -> basic.transmit(new CommandAPDU(apdu)).getBytes(),
                    card.getATR().getBytes()));
        } catch (CardException | IllegalArgumentException e) {
            // the parser's messages never carry the card's data, so they may be logged
            log.warn("The card in {} could not be read as a Thai national ID card: {}", terminal.getName(),
                    e.getMessage());
            return Optional.empty();
        } finally {
            disconnect(card);
        }
    }

    /** Whether any smart card reader is attached, card or not. */
    public boolean readerPresent() {
        try {
            return !TerminalFactory.getDefault().terminals().list().isEmpty();
        } catch (CardException | RuntimeException e) {
            log.debug("No smart card service", e);
            return false;
        }
    }

    /**
     * The applet's APDU sequence on any channel: SELECT, then each field's READ BINARY. T=0 cards
     * cannot answer a command that carries data with data, so they answer 61xx and the data comes
     * with a GET RESPONSE for the SW2 bytes the card announced.
     *
     * @throws CardException when the card refuses the applet or a read
     */
    static ThaiIdCard readCard(Channel channel, byte[] atr) throws CardException {
        int selected = statusWord(channel.transmit(SELECT_APPLET.clone()));
        if (selected != 0x9000 && selected >> 8 != 0x61) {
            throw new CardException("not a Thai national ID card: SELECT answered " + sw(selected));
        }
        Map<Field, byte[]> responses = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            responses.put(field, readField(channel, field.readCommand(), atr));
        }
        return ThaiIdCardParser.parse(responses);
    }

    private static byte[] readField(Channel channel, byte[] command, byte[] atr) throws CardException {
        byte[] response = channel.transmit(command);
        if (statusWord(response) >> 8 == 0x61) {
            response = channel.transmit(getResponse(atr, response[response.length - 1]));
        }
        int status = statusWord(response);
        if (status != 0x9000) {
            throw new CardException("READ BINARY " + HEX.formatHex(command) + " answered " + sw(status));
        }
        return response;
    }

    /**
     * GET RESPONSE {@code 00 C0 00 00 <length>}; cards whose ATR starts 3B 67 take it with P2 01, as
     * the common open-source Thai ID readers send it.
     */
    static byte[] getResponse(byte[] atr, byte length) {
        boolean atr3B67 = atr.length >= 2 && atr[0] == 0x3B && atr[1] == 0x67;
        return new byte[] {0x00, (byte) 0xC0, 0x00, (byte) (atr3B67 ? 0x01 : 0x00), length};
    }

    private static int statusWord(byte[] response) throws CardException {
        if (response.length < 2) {
            throw new CardException("response without status word");
        }
        return (response[response.length - 2] & 0xFF) << 8 | response[response.length - 1] & 0xFF;
    }

    private static String sw(int statusWord) {
        return HEX.toHexDigits((short) statusWord);
    }

    private static CardTerminal terminalWithCard() {
        try {
            List<CardTerminal> withCard = TerminalFactory.getDefault().terminals()
                    .list(CardTerminals.State.CARD_PRESENT);
            return withCard.isEmpty() ? null : withCard.get(0);
        } catch (CardException | RuntimeException e) {
            // No pcscd, no libpcsclite, no reader: at the counter all of them mean "no card".
            log.debug("No smart card terminal available", e);
            return null;
        }
    }

    private static void disconnect(Card card) {
        try {
            card.disconnect(false);
        } catch (CardException | RuntimeException e) {
            log.debug("Could not disconnect from the card", e);
        }
    }
}
