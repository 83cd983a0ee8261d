package nl.waterline.session;

import nl.waterline.picks.PickKind;
import nl.waterline.picks.ResultsMode;

import java.time.Instant;

/**
 * What someone asks of a session. Ids, secrets and clocks are supplied by the caller so that
 * {@link Session#decide} stays a pure function of the command and the state.
 */
public sealed interface SessionCommand {

    record Join(String participantId, String secretHash, String name, String group, String role, Instant at)
            implements SessionCommand {
    }

    record Pick(PickKind kind, String term, boolean own) implements SessionCommand {
    }

    record Unpick(PickKind kind, String term) implements SessionCommand {
    }

    record LockPicking(boolean locked) implements SessionCommand {
    }

    record SetResultsMode(ResultsMode mode) implements SessionCommand {
    }

    record RevealResults(boolean revealed) implements SessionCommand {
    }
}
