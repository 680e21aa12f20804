package th.go.nhso.tabien.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.springframework.web.multipart.MultipartFile;

/** Reading an upload with a size limit, and saying that limit to people. */
final class Uploads {

    private static final long MB = 1024 * 1024;

    private Uploads() {
    }

    /** The bytes of the upload, or at most {@code limit + 1} of them: more than the limit means too large. */
    static byte[] readAtMost(InputStream in, long limit) {
        try (in) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of an upload whose size was checked already. */
    static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "2 MB", "1.5 MB", "300 KB". */
    static String sizeText(long bytes) {
        if (bytes >= MB) {
            double mb = bytes / (double) MB;
            return (mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(Locale.ROOT, "%.1f", mb)) + " MB";
        }
        return Math.max(1, bytes / 1024) + " KB";
    }
}
