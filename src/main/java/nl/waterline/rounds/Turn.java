package nl.waterline.rounds;

import java.time.Instant;

/** One speaker's turn in a perspective round; {@code endedAt} is null while it lasts. */
public record Turn(String subgroup, String speakerId, Instant startedAt, Instant endedAt) {
}
