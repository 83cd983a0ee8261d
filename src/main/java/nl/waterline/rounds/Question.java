package nl.waterline.rounds;

import java.time.Instant;

/**
 * A clarifying question to the speaker of a perspective round. The asker is kept for the rules (only
 * listeners ask) but never shown: questions are anonymous on every screen and in the minutes.
 */
public record Question(String id, String subgroup, String askerId, String speakerId, String text, Instant at,
                       QuestionStatus status, boolean pickedUp) {

    public Question withStatus(QuestionStatus newStatus) {
        return new Question(id, subgroup, askerId, speakerId, text, at, newStatus, pickedUp);
    }

    public Question pickedUpInDiscussion() {
        return new Question(id, subgroup, askerId, speakerId, text, at, status, true);
    }
}
