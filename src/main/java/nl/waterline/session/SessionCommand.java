package nl.waterline.session;

import nl.waterline.picks.PickKind;
import nl.waterline.notes.NoteKind;
import nl.waterline.notes.Waterline;
import nl.waterline.picks.ResultsMode;
import nl.waterline.rounds.DiscussionKind;
import nl.waterline.rounds.HarvestKind;

import java.time.Instant;
import java.util.List;

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

    // ---- dialogue rounds ------------------------------------------------------------------------

    record SetPhase(String phase) implements SessionCommand {
    }

    /** Exactly one of size and count; {@code seed} varies the mix between re-formings. */
    record FormSubgroups(Integer size, Integer count, long seed) implements SessionCommand {
    }

    record MoveParticipant(String participantId, String subgroup) implements SessionCommand {
    }

    record SetHost(String subgroup, String participantId) implements SessionCommand {
    }

    record SetTurnOrder(String subgroup, List<String> order) implements SessionCommand {
    }

    record SetTurnSeconds(int seconds) implements SessionCommand {
    }

    /** {@code subgroup} is needed from the facilitator only; hosts and speakers act on their own subgroup. */
    record NextSpeaker(String subgroup, Instant at) implements SessionCommand {
    }

    record Ask(String questionId, String text, Instant at) implements SessionCommand {
    }

    record MarkAnswered(String questionId) implements SessionCommand {
    }

    record Park(String questionId) implements SessionCommand {
    }

    record AddDiscussionNote(String noteId, String subgroup, DiscussionKind kind, String text, List<String> groups,
                             String parkedQuestion) implements SessionCommand {
    }

    record AddHarvest(String entryId, String group, HarvestKind kind, String text) implements SessionCommand {
    }

    record AddNote(String noteId, NoteKind kind, String text, String group, String role, Waterline waterline,
                   String issue, Instant at) implements SessionCommand {
    }

    record AddIssue(String issueId, String title) implements SessionCommand {
    }

    record RenameIssue(String issueId, String title) implements SessionCommand {
    }

    record AddNoteTaker(String secretHash) implements SessionCommand {
    }

    // ---- minutes editing (facilitator only) -----------------------------------------------------

    record SetIssueIntro(String issueId, String text) implements SessionCommand {
    }

    record MoveIssue(String issueId, int position) implements SessionCommand {
    }

    record MergeIssues(String fromIssue, String intoIssue) implements SessionCommand {
    }

    record AssignNote(String noteId, String issueId) implements SessionCommand {
    }

    record AddPerspective(String perspectiveId, String issueId, String group, String role, String text,
                          Waterline waterline) implements SessionCommand {
    }

    record EditPerspective(String perspectiveId, String role, String text, Waterline waterline) implements SessionCommand {
    }

    record RemovePerspective(String perspectiveId) implements SessionCommand {
    }

    record AttachQuote(String perspectiveId, String noteId) implements SessionCommand {
    }

    record DetachQuote(String perspectiveId, String noteId) implements SessionCommand {
    }

    record SetSeries(String series) implements SessionCommand {
    }

    record SetMinutesPrivacy(boolean mergeSmallRoles) implements SessionCommand {
    }

    record LockJoining(boolean locked) implements SessionCommand {
    }

    record RemoveParticipant(String participantId) implements SessionCommand {
    }

    record SetCapacity(Integer capacity) implements SessionCommand {
    }
}
