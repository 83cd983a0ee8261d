package nl.waterline.session;

import nl.waterline.picks.PickKind;
import nl.waterline.picks.ResultsMode;
import nl.waterline.notes.NoteKind;
import nl.waterline.notes.Waterline;
import nl.waterline.rounds.DiscussionKind;
import nl.waterline.rounds.HarvestKind;
import nl.waterline.template.SessionTemplate;

import java.time.Instant;
import java.util.List;

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

    // ---- dialogue rounds ------------------------------------------------------------------------

    record PhaseChanged(String phase) implements SessionEvent {
    }

    /** A whole new set of subgroups; ids are never reused within a session, labels start again at A. */
    record SubgroupsFormed(List<FormedSubgroup> subgroups) implements SessionEvent {
        public SubgroupsFormed {
            subgroups = List.copyOf(subgroups);
        }
    }

    record FormedSubgroup(String id, String label, String colour, List<String> members, List<String> order) {
        public FormedSubgroup {
            members = List.copyOf(members);
            order = List.copyOf(order);
        }
    }

    /** A participant put into a subgroup: a late joiner, or moved there by the facilitator. */
    record ParticipantPlaced(String participantId, String subgroup) implements SessionEvent {
    }

    record HostSet(String subgroup, String participantId) implements SessionEvent {
    }

    record TurnOrderSet(String subgroup, List<String> order) implements SessionEvent {
        public TurnOrderSet {
            order = List.copyOf(order);
        }
    }

    record TurnSecondsSet(int seconds) implements SessionEvent {
    }

    /** The previous turn of the subgroup (if any) ends at {@code at}; {@code speaker} starts. */
    record TurnStarted(String subgroup, String speaker, Instant at) implements SessionEvent {
    }

    record RoundFinished(String subgroup, Instant at) implements SessionEvent {
    }

    record QuestionAsked(String questionId, String subgroup, String askerId, String speakerId, String text,
                         Instant at) implements SessionEvent {
    }

    record QuestionAnswered(String questionId) implements SessionEvent {
    }

    record QuestionParked(String questionId) implements SessionEvent {
    }

    record DiscussionNoteAdded(String noteId, String subgroup, DiscussionKind kind, String text, List<String> groups,
                               String parkedQuestion) implements SessionEvent {
        public DiscussionNoteAdded {
            groups = List.copyOf(groups);
        }
    }

    record HarvestAdded(String entryId, String group, HarvestKind kind, String text) implements SessionEvent {
    }

    record NoteAdded(String noteId, NoteKind kind, String text, String group, String role, Waterline waterline,
                     String issue, Instant at) implements SessionEvent {
    }

    record IssueAdded(String issueId, String title) implements SessionEvent {
    }

    record IssueRenamed(String issueId, String title) implements SessionEvent {
    }

    record NoteTakerAdded(String secretHash) implements SessionEvent {
    }

    // ---- minutes editing ------------------------------------------------------------------------

    record IssueIntroSet(String issueId, String text) implements SessionEvent {
    }

    record IssueMoved(String issueId, int position) implements SessionEvent {
    }

    /** Everything of {@code fromIssue} (notes, perspectives, introduction) moves to {@code intoIssue}. */
    record IssuesMerged(String fromIssue, String intoIssue) implements SessionEvent {
    }

    record NoteAssigned(String noteId, String issueId) implements SessionEvent {
    }

    record PerspectiveAdded(String perspectiveId, String issueId, String group, String role, String text,
                            Waterline waterline) implements SessionEvent {
    }

    record PerspectiveEdited(String perspectiveId, String role, String text, Waterline waterline) implements SessionEvent {
    }

    record PerspectiveRemoved(String perspectiveId) implements SessionEvent {
    }

    record QuoteAttached(String perspectiveId, String noteId) implements SessionEvent {
    }

    record QuoteDetached(String perspectiveId, String noteId) implements SessionEvent {
    }

    record SeriesSet(String series) implements SessionEvent {
    }

    /** Whether roles with fewer than three people present are merged into their group in the minutes. */
    record MinutesPrivacySet(boolean mergeSmallRoles) implements SessionEvent {
    }

    // ---- who may be in the room -----------------------------------------------------------------

    record JoiningLocked(boolean locked) implements SessionEvent {
    }

    /** Everything of the participant goes: picks, place in a subgroup, secret. Questions stay, anonymous. */
    record ParticipantRemoved(String participantId) implements SessionEvent {
    }

    /** The most participants the session takes; null for no cap. */
    record CapacitySet(Integer capacity) implements SessionEvent {
    }
}
