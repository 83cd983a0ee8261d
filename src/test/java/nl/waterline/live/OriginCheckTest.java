package nl.waterline.live;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginCheckTest {

    @Test
    void ownPagesAndConfiguredOriginsMayConnectOthersMayNot() {
        assertTrue(OriginCheck.allowed(null, "192.168.1.20:8080", List.of()), "programs send no Origin");
        assertTrue(OriginCheck.allowed("http://192.168.1.20:8080", "192.168.1.20:8080", List.of()));
        assertTrue(OriginCheck.allowed("https://waterline.example.org", "waterline.example.org:443", List.of()));
        assertFalse(OriginCheck.allowed("http://evil.example", "192.168.1.20:8080", List.of()));
        assertFalse(OriginCheck.allowed("http://192.168.1.20:9999", "192.168.1.20:8080", List.of()));
        assertFalse(OriginCheck.allowed("null", "192.168.1.20:8080", List.of()), "sandboxed pages send Origin null");
        assertTrue(OriginCheck.allowed("https://app.example.org/", "internal:8080", List.of("https://app.example.org")));
    }

    @Test
    void aTokenBucketRefusesFloodsAndRefills() {
        long[] now = {0};
        MessageRate rate = new MessageRate(10, 3, () -> now[0]);
        assertTrue(rate.tryAcquire());
        assertTrue(rate.tryAcquire());
        assertTrue(rate.tryAcquire());
        assertFalse(rate.tryAcquire(), "the burst is used up");
        now[0] += 100_000_000L;
        assertTrue(rate.tryAcquire(), "a tenth of a second later one more is allowed at 10/s");
        assertFalse(rate.tryAcquire());
    }
}
