package th.go.nhso.tabien.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.springframework.context.support.ResourceBundleMessageSource;

import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/**
 * The hostile-input suite's shared part (issue 8): generators of odd text and broken files,
 * the check that a refusal is one the user can read in Thai and English, and the count of
 * generated inputs this run (printed at the end of the run by {@link HostileInputReport}).
 */
public final class HostileInputs {

    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    private HostileInputs() {
    }

    /** Counts one generated input of a property or an HTTP fuzz loop. */
    public static void counted(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    public static long total() {
        return COUNTS.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public static Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        COUNTS.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Every message bundle of the application, as application.yaml configures them, without Spring. */
    public static BilingualMessages messages() {
        var source = new ResourceBundleMessageSource();
        source.setBasenames("messages", "messages-access", "messages-accounts", "messages-tasks", "messages-dashboard",
                "messages-models");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return new BilingualMessages(source);
    }

    /**
     * A refusal must have a code with a Thai text and an English text: not the code itself, and
     * the English without Thai (a key missing from the English bundle falls back to the Thai one).
     * The values the refusal quotes (what the user sent) are left out of that last check.
     */
    public static void assertBilingual(BilingualMessages messages, TabienException refusal) {
        assertBilingual(messages, refusal.code(), refusal.args());
    }

    public static void assertBilingual(BilingualMessages messages, String code, Object... args) {
        BilingualMessages.Bilingual text = messages.resolve(code, args);
        assertThat(text.th()).as("Thai text of %s", code).isNotBlank().isNotEqualTo(code).matches(HostileInputs::hasThai);
        assertThat(text.en()).as("English text of %s", code).isNotBlank().isNotEqualTo(code);
        Object[] plain = Arrays.stream(args).map(a -> a instanceof String ? "x" : a).toArray();
        assertThat(messages.resolve(code, plain).en()).as("English text of %s", code)
                .matches(s -> !hasThai(s), "has no Thai");
    }

    /** Both texts of a problem already resolved (a row problem, a field error, an API answer). */
    public static void assertBilingual(String th, String en, String what) {
        assertThat(th).as("Thai text of %s", what).isNotBlank().matches(HostileInputs::hasThai);
        assertThat(en).as("English text of %s", what).isNotBlank().isNotEqualTo(th);
    }

    static boolean hasThai(String s) {
        return s.codePoints().anyMatch(c -> c >= 0x0E00 && c <= 0x0E7F);
    }

    // ---- text ------------------------------------------------------------------------------

    /** Thai digits ๐–๙ for ASCII digits: what a Thai keyboard layout types. */
    public static String thaiDigits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> b.append(c >= '0' && c <= '9' ? (char) ('\u0E50' + c - '0') : (char) c));
        return b.toString();
    }

    /** Odd text: Thai, digits of other scripts, zero-width and direction marks, surrogates, controls, BOM, huge. */
    public static Arbitrary<String> oddText() {
        Arbitrary<String> odd = Arbitraries.strings()
                .withCharRange('\u0000', '\u001F')
                .withCharRange('0', '9')
                .withCharRange('\u0E00', '\u0E7F')
                .withCharRange('\u0660', '\u0669')
                .withChars('\u200B', '\u200D', '\u202E', '\uFEFF', '\u00A0', '\u3000', '\uFFFD', '\uD800', '\uDC00',
                        '-', '/', '.', ',', ' ', '"', '\'', '\\', '%', '$', '{', '}', '#', '+', 'e', 'E', ':', 'T', 'Z')
                .ofMaxLength(40);
        return Arbitraries.oneOf(odd, Arbitraries.strings().all().ofMaxLength(30), Arbitraries.just(""),
                Arbitraries.strings().withChars('9', '๙', ' ').ofMinLength(1000).ofMaxLength(20_000));
    }

    /** Digits with separators, in ASCII or Thai, of any length: near-misses of IDs, phones and codes. */
    public static Arbitrary<String> digitsLike(int around) {
        Arbitrary<String> digits = Arbitraries.strings().withCharRange('0', '9').withChars('-', ' ', '+')
                .ofMinLength(0).ofMaxLength(around + 3);
        return Arbitraries.oneOf(digits, digits.map(HostileInputs::thaiDigits),
                digits.map(d -> d + "\u200B"), digits.map(d -> "\uFF11" + d));
    }

    // ---- bytes -----------------------------------------------------------------------------

    public static Arbitrary<byte[]> randomBytes(int maxSize) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
    }

    /** A valid file broken the ways uploads break: bits flipped, cut off, bytes inserted or zeroed, a part repeated. */
    public static Arbitrary<byte[]> mutated(byte[] valid) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Math.max(0, valid.length - 1));
        Arbitrary<byte[]> flipped = Combinators.combine(at.list().ofMinSize(1).ofMaxSize(8),
                        Arbitraries.integers().between(0, 7))
                .as((positions, bit) -> {
                    byte[] copy = valid.clone();
                    positions.forEach(p -> copy[p] ^= (byte) (1 << bit));
                    return copy;
                });
        Arbitrary<byte[]> truncated = at.map(n -> Arrays.copyOf(valid, n));
        Arbitrary<byte[]> inserted = Combinators.combine(at, randomBytes(64)).as((p, junk) -> {
            byte[] copy = new byte[valid.length + junk.length];
            System.arraycopy(valid, 0, copy, 0, p);
            System.arraycopy(junk, 0, copy, p, junk.length);
            System.arraycopy(valid, p, copy, p + junk.length, valid.length - p);
            return copy;
        });
        Arbitrary<byte[]> zeroed = Combinators.combine(at, Arbitraries.integers().between(1, 512)).as((p, n) -> {
            byte[] copy = valid.clone();
            Arrays.fill(copy, p, Math.min(copy.length, p + n), (byte) 0);
            return copy;
        });
        Arbitrary<byte[]> doubled = at.map(p -> {
            byte[] copy = Arrays.copyOf(valid, valid.length + p);
            System.arraycopy(valid, 0, copy, valid.length, p);
            return copy;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, flipped), net.jqwik.api.Tuple.of(2, truncated), net.jqwik.api.Tuple.of(2, inserted),
                net.jqwik.api.Tuple.of(1, zeroed), net.jqwik.api.Tuple.of(1, doubled));
    }

    /** The same zip package with one entry (e.g. a sheet's XML) replaced by {@code megabytes} of blanks after {@code prefix}. */
    public static byte[] withBombEntry(byte[] zipFile, String entry, String prefix, int megabytes) {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zipFile))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.getName().equals(entry)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipBomb(entries, entry, prefix, megabytes);
    }

    /** A zip whose named entries inflate hugely: {@code megabytes} of one repeated byte per entry (≈ 1,000:1). */
    public static byte[] zipBomb(Map<String, byte[]> smallEntries, String bombEntry, String prefix, int megabytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : smallEntries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(bombEntry));
            zip.write(prefix.getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1024 * 1024];
            Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < megabytes; i++) {
                zip.write(blanks);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
