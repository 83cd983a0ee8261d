package nl.waterline.session;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinCodesTest {

    @Test
    void codesAvoidLookAlikesAndAreAcceptedAsPeopleTypeThem() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String code = JoinCodes.newCode();
            assertTrue(code.matches("[2-9A-HJ-NP-Z]{8}"), code);
            seen.add(code);
        }
        assertTrue(seen.size() > 1_990, "40 random bits rarely repeat");
        assertEquals(Optional.of("K7PMQ2XD"), JoinCodes.normalise(" k7pm-q2xd "));
        assertEquals(Optional.of("K7PMQ2XD"), JoinCodes.normalise("K7PM Q2XD"));
        assertEquals(Optional.empty(), JoinCodes.normalise("K7PM-Q2X0"), "0 is never in a code");
        assertEquals(Optional.empty(), JoinCodes.normalise("K7PM"));
        assertEquals("K7PM-Q2XD", JoinCodes.display("K7PMQ2XD"));
    }

    @Test
    void secretsCarryAtLeast128Bits() {
        String secret = Secrets.newSecret();
        assertEquals(22, secret.length());
        assertTrue(!secret.equals(Secrets.newSecret()));
    }
}
