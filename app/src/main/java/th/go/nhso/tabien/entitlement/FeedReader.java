package th.go.nhso.tabien.entitlement;

import java.io.IOException;
import java.util.Optional;

/**
 * Streams the rows of an agency change file one at a time, so a file of any size is read in
 * constant memory. A file that cannot be read at all throws {@link UnreadableFeedException}.
 */
public interface FeedReader extends AutoCloseable {

    Optional<FeedRow> next() throws IOException;

    @Override
    void close() throws IOException;
}
