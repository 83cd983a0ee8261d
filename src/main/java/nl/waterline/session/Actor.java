package nl.waterline.session;

/** Who sends a command, as established by the secret they proved. */
public sealed interface Actor {

    Actor FACILITATOR = new Facilitator();
    Actor PROJECTOR = new Projector();
    Actor NEWCOMER = new Newcomer();
    Actor NOTE_TAKER = new NoteTaker();

    record Facilitator() implements Actor {
    }

    /** The projector is opened by the facilitator but only ever watches. */
    record Projector() implements Actor {
    }

    /** Captures notes for the minutes; sees no names. */
    record NoteTaker() implements Actor {
    }

    record Participant(String participantId) implements Actor {
    }

    /** Someone with the join code and no participant secret yet: may only join. */
    record Newcomer() implements Actor {
    }
}
