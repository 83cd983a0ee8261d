package nl.waterline.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class SocketBacklogTest {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    @Test
    void countsWhatTheClientsHaveNotReadAndWhatTheServerHasNotSentOnEstablishedConnectionsOnly(@TempDir Path dir) throws Exception {
        // server on port 8080 (1F90); clients on 50000 (C350) and 50001 (C351); an unrelated connection on 9090 (2382)
        Path tcp = dir.resolve("tcp");
        Files.write(tcp, List.of(HEADER,
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0",
                "   1: 0100007F:C350 0100007F:1F90 01 00000000:00000400 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1",
                "   2: 0100007F:1F90 0100007F:C350 01 00000200:00000000 00:00000000 00000000     0        0 3 1 0 20 4 30 10 -1",
                "   3: 0100007F:C351 0100007F:1F90 06 00000000:00009999 00:00000000 00000000     0        0 0 0 0 0 0 0 0 0",
                "   4: 0100007F:2382 0100007F:C352 01 00001000:00001000 00:00000000 00000000     0        0 4 1 0 20 4 30 10 -1"));
        Path tcp6 = dir.resolve("tcp6");
        Files.write(tcp6, List.of(HEADER,
                "   0: 0000000000000000FFFF00000100007F:C351 0000000000000000FFFF00000100007F:1F90 01 00000000:00000100 00:00000000 00000000     0        0 5 1 0 20 4 30 10 -1"));

        long[] backlog = SocketBacklog.sample(List.of(tcp, tcp6, dir.resolve("missing")), 8080);

        assertArrayEquals(new long[] {0x400 + 0x100, 0x200}, backlog);
    }
}
