package th.go.nhso.tabien.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.context.support.ResourceBundleMessageSource;

import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/**
 * The hostile-input suite's shared part (issue 8): a small seeded generator ({@link Gen},
 * {@link #forAll}) with generators of odd text and broken files, the check that a refusal is one
 * the user can read in Thai and English, and the count of generated inputs this run (printed at
 * the end of the run by {@link HostileInputReport}).
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

    /**
     * Fails unless the inputs counted under {@code prefix} this run reach {@code share}: each
     * class's share of the suite's total (at least 10,000 a run), checked by the class's last test.
     */
    public static void assertGenerated(String prefix, long share) {
        long generated = COUNTS.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().get()).sum();
        assertThat(generated).as("hostile inputs generated under '%s' this run", prefix).isGreaterThanOrEqualTo(share);
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

    // ---- running a property -----------------------------------------------------------------

    /**
     * The seed of this run's random inputs: {@code -Dhostile.seed=...} to repeat a run, otherwise
     * a new one each run. Every property draws from its own generator seeded with this seed and
     * its name, so one property can be rerun alone with the same inputs.
     */
    public static final long SEED = Long.getLong("hostile.seed", new SecureRandom().nextLong());

    /** A check of one input; it fails by throwing (an AssertJ assertion, or whatever escaped the code under test). */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    /**
     * Checks {@code tries} inputs: first the generator's edge cases (at most half of the tries),
     * then random ones drawn from {@link #SEED}. The first input that fails stops the property with
     * an error that shows the input, its try and the seed to rerun it with.
     */
    public static <T> void forAll(String property, int tries, Gen<T> inputs, Check<T> check) {
        List<T> edgeCases = inputs.edgeCases();
        int edgeTries = Math.min(edgeCases.size(), tries / 2);
        Random random = new Random(SEED ^ (0x9E3779B97F4A7C15L * property.hashCode()));
        for (int i = 0; i < tries; i++) {
            T input = null;
            try {
                input = i < edgeTries ? edgeCases.get(i) : inputs.next(random);
                check.accept(input);
            } catch (Throwable failure) {
                throw new AssertionError(String.format("%s failed on try %d of %d (%s): %s%n"
                                + "  seed %d: rerun with -Dhostile.seed=%d%n  %s", property, i + 1, tries,
                        i < edgeTries ? "edge case" : "random", describe(input), SEED, SEED, failure), failure);
            }
        }
    }

    /** An input as a failure report shows it: invisible and odd characters escaped, long values cut. */
    static String describe(Object input) {
        String text;
        if (input instanceof byte[] bytes) {
            text = bytes.length + " bytes " + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64));
        } else if (input instanceof Collection<?> items) {
            text = items.stream().map(HostileInputs::describe).collect(Collectors.joining(", ", "[", "]"));
        } else if (input instanceof Map<?, ?> map) {
            text = map.entrySet().stream().map(e -> e.getKey() + "=" + describe(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        } else if (input != null && input.getClass().isRecord()) {
            text = Arrays.stream(input.getClass().getRecordComponents()).map(c -> {
                try {
                    c.getAccessor().setAccessible(true);
                    return c.getName() + "=" + describe(c.getAccessor().invoke(input));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return c.getName() + "=?";
                }
            }).collect(Collectors.joining(", ", input.getClass().getSimpleName() + "[", "]"));
        } else if (input instanceof String s) {
            StringBuilder quoted = new StringBuilder("\"");
            s.chars().limit(300).forEach(c -> quoted.append(c < 0x20 || c == 0x7F || Character.isSurrogate((char) c)
                    || Character.getType(c) == Character.FORMAT || Character.isSpaceChar(c) && c != ' '
                    ? String.format("\\u%04X", c) : String.valueOf((char) c)));
            text = quoted.append(s.length() > 300 ? "…\" (" + s.length() + " chars)" : "\"").toString();
        } else {
            text = String.valueOf(input);
        }
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }

    // ---- generators ---------------------------------------------------------------------------

    /**
     * A generator of inputs: random ones from a {@link Random}, and a few edge cases (empty,
     * shortest, longest, the extremes of a range, every hand-picked value) that
     * {@link #forAll} checks first. Generators combine with {@link #map}, {@link #oneOf},
     * {@link #frequency}, {@link #list} and {@link #combine}, which carry the edge cases along.
     */
    public static final class Gen<T> {

        private final Function<Random, T> random;
        private final Supplier<List<T>> edgeCases;
        private List<T> knownEdgeCases;

        private Gen(Function<Random, T> random, Supplier<List<T>> edgeCases) {
            this.random = random;
            this.edgeCases = edgeCases;
        }

        public T next(Random r) {
            return random.apply(r);
        }

        public synchronized List<T> edgeCases() {
            if (knownEdgeCases == null) {
                knownEdgeCases = edgeCases.get().stream().distinct().toList();
            }
            return knownEdgeCases;
        }

        // ---- from values

        public static <T> Gen<T> just(T value) {
            return new Gen<>(r -> value, () -> Collections.singletonList(value));
        }

        /** One of the values, each also an edge case (they are picked by hand for being odd). */
        @SafeVarargs
        public static <T> Gen<T> of(T... values) {
            return ofList(Arrays.asList(values));
        }

        public static <T> Gen<T> ofList(List<T> values) {
            List<T> copy = new ArrayList<>(values);
            return new Gen<>(r -> copy.get(r.nextInt(copy.size())), () -> copy);
        }

        /** An int in [min, max]; edge cases min, max and 0. */
        public static Gen<Integer> between(int min, int max) {
            return new Gen<>(r -> r.nextInt(min, max + 1), () -> min <= 0 && 0 <= max ? List.of(min, max, 0) : List.of(min, max));
        }

        /** A day in [from, to]; edge cases the two ends. */
        public static Gen<LocalDate> dates(LocalDate from, LocalDate to) {
            return between(0, (int) ChronoUnit.DAYS.between(from, to)).map(from::plusDays);
        }

        /** The characters from {@code first} to {@code last}, as an alphabet for {@link #strings}. */
        public static String chars(char first, char last) {
            StringBuilder b = new StringBuilder(last - first + 1);
            for (int c = first; c <= last; c++) {
                b.append((char) c);
            }
            return b.toString();
        }

        /**
         * Text of {@code minLength} to {@code maxLength} chars from {@code alphabet}; edge cases the
         * shortest of its first char and the longest of its last.
         */
        public static Gen<String> strings(String alphabet, int minLength, int maxLength) {
            return new Gen<>(r -> {
                char[] text = new char[r.nextInt(minLength, maxLength + 1)];
                for (int i = 0; i < text.length; i++) {
                    text[i] = alphabet.charAt(r.nextInt(alphabet.length()));
                }
                return new String(text);
            }, () -> List.of(String.valueOf(alphabet.charAt(0)).repeat(minLength),
                    String.valueOf(alphabet.charAt(alphabet.length() - 1)).repeat(maxLength)));
        }

        public static Gen<String> numeric(int length) {
            return strings(chars('0', '9'), length, length);
        }

        /** Up to {@code maxSize} random bytes; edge cases none, one 0x00, one 0xFF and {@code maxSize} zeros. */
        public static Gen<byte[]> bytes(int maxSize) {
            return new Gen<>(r -> {
                byte[] bytes = new byte[r.nextInt(maxSize + 1)];
                r.nextBytes(bytes);
                return bytes;
            }, () -> List.of(new byte[0], new byte[] {0}, new byte[] {(byte) 0xFF}, new byte[maxSize]));
        }

        /** The list in a random order; edge case the list as it is. */
        public static <T> Gen<List<T>> shuffled(List<T> values) {
            return new Gen<>(r -> {
                List<T> copy = new ArrayList<>(values);
                Collections.shuffle(copy, r);
                return copy;
            }, () -> List.of(List.copyOf(values)));
        }

        /** Some of the values, in their order; edge cases none and all. */
        public static <T> Gen<List<T>> subsetOf(List<T> values) {
            return new Gen<>(r -> values.stream().filter(v -> r.nextBoolean()).toList(), () -> List.of(List.of(), List.copyOf(values)));
        }

        // ---- from other generators

        public <R> Gen<R> map(Function<? super T, ? extends R> f) {
            return new Gen<>(r -> f.apply(next(r)), () -> edgeCases().stream().<R>map(f).toList());
        }

        public Gen<T> filter(Predicate<? super T> keep) {
            return new Gen<>(r -> {
                for (int i = 0; i < 10_000; i++) {
                    T value = next(r);
                    if (keep.test(value)) {
                        return value;
                    }
                }
                throw new IllegalStateException("the filter keeps almost nothing");
            }, () -> edgeCases().stream().filter(keep).toList());
        }

        /** This generator's edge cases and the given ones. */
        @SafeVarargs
        public final Gen<T> withEdgeCases(T... more) {
            return new Gen<>(random, () -> {
                List<T> all = new ArrayList<>(edgeCases());
                all.addAll(Arrays.asList(more));
                return all;
            });
        }

        /**
         * A list of {@code minSize} to {@code maxSize} values; edge cases the shortest list, one
         * (or the shortest) of each edge case, and the longest cycling through the edge cases.
         */
        public Gen<List<T>> list(int minSize, int maxSize) {
            return new Gen<>(r -> {
                int size = r.nextInt(minSize, maxSize + 1);
                List<T> values = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    values.add(next(r));
                }
                return values;
            }, () -> {
                List<T> edges = edgeCases();
                if (edges.isEmpty()) {
                    return minSize == 0 ? List.of(List.of()) : List.of();
                }
                List<List<T>> lists = new ArrayList<>();
                lists.add(Collections.nCopies(minSize, edges.get(0)));
                edges.forEach(e -> lists.add(Collections.nCopies(Math.max(1, minSize), e)));
                lists.add(IntStream.range(0, maxSize).mapToObj(i -> edges.get(i % edges.size())).toList());
                return lists;
            });
        }

        /** One of the generators, each as likely; the edge cases of all. */
        @SafeVarargs
        public static <T> Gen<T> oneOf(Gen<? extends T>... alternatives) {
            return frequency(Arrays.stream(alternatives).map(g -> weighted(1, g)).toList());
        }

        public record Weighted<T>(int weight, Gen<? extends T> gen) {
        }

        public static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
            return new Weighted<>(weight, gen);
        }

        /** One of the generators, as often as its weight says; the edge cases of all. */
        @SafeVarargs
        public static <T> Gen<T> frequency(Weighted<? extends T>... alternatives) {
            return frequency(Arrays.asList(alternatives));
        }

        private static <T> Gen<T> frequency(List<? extends Weighted<? extends T>> alternatives) {
            int total = alternatives.stream().mapToInt(Weighted::weight).sum();
            return new Gen<>(r -> {
                int pick = r.nextInt(total);
                for (Weighted<? extends T> w : alternatives) {
                    pick -= w.weight();
                    if (pick < 0) {
                        return w.gen().next(r);
                    }
                }
                throw new IllegalStateException("weights");
            }, () -> alternatives.stream().<T>flatMap(w -> w.gen().edgeCases().stream()).toList());
        }

        /**
         * A value built from several parts, each drawn with {@link Parts#draw}. Edge case i takes
         * every part's edge case i (cycling, a random value for a part without any), so each
         * edge case of each part is tried at least once.
         */
        public static <T> Gen<T> combine(Function<Parts, T> build) {
            return new Gen<>(r -> build.apply(new Parts(r, -1)), () -> {
                Random fixed = new Random(0);
                List<T> edges = new ArrayList<>();
                Parts first = new Parts(fixed, 0);
                edges.add(build.apply(first));
                for (int i = 1; i < first.mostEdgeCases; i++) {
                    edges.add(build.apply(new Parts(fixed, i)));
                }
                return edges;
            });
        }

        /** The parts of one value being built by {@link #combine}. */
        public static final class Parts {
            private final Random random;
            private final int edgeCase;
            private int mostEdgeCases;

            private Parts(Random random, int edgeCase) {
                this.random = random;
                this.edgeCase = edgeCase;
            }

            public <P> P draw(Gen<P> part) {
                if (edgeCase < 0) {
                    return part.next(random);
                }
                List<P> edges = part.edgeCases();
                mostEdgeCases = Math.max(mostEdgeCases, edges.size());
                return edges.isEmpty() ? part.next(random) : edges.get(edgeCase % edges.size());
            }
        }
    }

    // ---- text ------------------------------------------------------------------------------

    /** Thai digits ๐–๙ for ASCII digits: what a Thai keyboard layout types. */
    public static String thaiDigits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> b.append(c >= '0' && c <= '9' ? (char) ('\u0E50' + c - '0') : (char) c));
        return b.toString();
    }

    /** Odd text: Thai, digits of other scripts, zero-width and direction marks, surrogates, controls, BOM, huge. */
    public static Gen<String> oddText() {
        Gen<String> odd = Gen.strings(Gen.chars('\u0000', '\u001F') + Gen.chars('0', '9') + Gen.chars('\u0E00', '\u0E7F')
                + Gen.chars('\u0660', '\u0669') + "\u200B\u200D\u202E\uFEFF\u00A0\u3000\uFFFD\uD800\uDC00"
                + "-/., \"'\\%${}#+eE:TZ", 0, 40);
        return Gen.oneOf(odd, Gen.strings(Gen.chars('\u0000', '\uFFFF'), 0, 30), Gen.just(""),
                        Gen.strings("9๙ ", 1000, 20_000))
                .withEdgeCases(" ", "\t", "\r\n", "\u00A0", "\u3000", "\u200B", "\uFEFF", "\u202E", "\uD800", "๙", "๐๑๒๓๔๕๖๗๘๙",
                        "null", "-0", "1e400", "'; --", "\"");
    }

    /** Digits with separators, in ASCII or Thai, of any length: near-misses of IDs, phones and codes. */
    public static Gen<String> digitsLike(int around) {
        Gen<String> digits = Gen.strings(Gen.chars('0', '9') + "- +", 0, around + 3);
        return Gen.oneOf(digits, digits.map(HostileInputs::thaiDigits), digits.map(d -> d + "\u200B"), digits.map(d -> "\uFF11" + d));
    }

    // ---- bytes -----------------------------------------------------------------------------

    public static Gen<byte[]> randomBytes(int maxSize) {
        return Gen.bytes(maxSize);
    }

    /** A valid file broken the ways uploads break: bits flipped, cut off, bytes inserted or zeroed, a part repeated. */
    public static Gen<byte[]> mutated(byte[] valid) {
        Gen<Integer> at = Gen.between(0, Math.max(0, valid.length - 1));
        Gen<List<Integer>> someAt = at.list(1, 8);
        Gen<Integer> bits = Gen.between(0, 7);
        Gen<byte[]> junks = randomBytes(64);
        Gen<Integer> lengths = Gen.between(1, 512);
        Gen<byte[]> flipped = Gen.combine(p -> {
            List<Integer> positions = p.draw(someAt);
            int bit = p.draw(bits);
            byte[] copy = valid.clone();
            positions.forEach(i -> copy[i] ^= (byte) (1 << bit));
            return copy;
        });
        Gen<byte[]> truncated = at.map(n -> Arrays.copyOf(valid, n));
        Gen<byte[]> inserted = Gen.combine(p -> {
            int i = p.draw(at);
            byte[] junk = p.draw(junks);
            byte[] copy = new byte[valid.length + junk.length];
            System.arraycopy(valid, 0, copy, 0, i);
            System.arraycopy(junk, 0, copy, i, junk.length);
            System.arraycopy(valid, i, copy, i + junk.length, valid.length - i);
            return copy;
        });
        Gen<byte[]> zeroed = Gen.combine(p -> {
            int i = p.draw(at);
            int n = p.draw(lengths);
            byte[] copy = valid.clone();
            Arrays.fill(copy, i, Math.min(copy.length, i + n), (byte) 0);
            return copy;
        });
        Gen<byte[]> doubled = at.map(i -> {
            byte[] copy = Arrays.copyOf(valid, valid.length + i);
            System.arraycopy(valid, 0, copy, valid.length, i);
            return copy;
        });
        return Gen.frequency(Gen.weighted(4, flipped), Gen.weighted(2, truncated), Gen.weighted(2, inserted),
                Gen.weighted(1, zeroed), Gen.weighted(1, doubled));
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
