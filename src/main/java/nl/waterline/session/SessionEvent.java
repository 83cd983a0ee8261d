package nl.waterline.session;

import nl.waterline.picks.PickKind;
import nl.waterline.picks.ResultsMode;
import nl.waterline.template.SessionTemplate;

import java.time.Instant;

/**
 * What happened in a session. Events are what the store keeps: replaying them in order rebuilds the
 * session exactly as it was acknowledged, so they hold resolved values (the merged spelling of an own
 * word, hashed secrets, the template as it was) and never need the outside world to be applied.
 */
public sealed interface SessionEvent {

    record SessionCreated(String sessionId, String joinCode, String title, String language,
                          SessionTemplate template, String facilitatorSecretHash, Instant at) implements SessionEvent {
    }

    record ParticipantJoined(String participantId, String secretHash, String name, String group, String role,
                             Instant at) implements SessionEvent {
    }

    record PickAdded(String participantId, PickKind kind, String term, boolean own) implements SessionEvent {
    }

    record PickRemoved(String participantId, PickKind kind, String term) implements SessionEvent {
    }

    record PickingLocked(boolean locked) implements SessionEvent {
    }

    record ResultsModeChanged(ResultsMode mode) implements SessionEvent {
    }

    record ResultsRevealed(boolean revealed) implements SessionEvent {
    }
}
