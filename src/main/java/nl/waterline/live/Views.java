package nl.waterline.live;

import nl.waterline.picks.PickKind;
import nl.waterline.picks.PickResults;
import nl.waterline.picks.ResultsMode;
import nl.waterline.session.Attendance;
import nl.waterline.session.JoinCodes;
import nl.waterline.session.Participant;
import nl.waterline.session.Session;
import nl.waterline.template.Localized;
import nl.waterline.template.StakeholderGroup;

import java.util.List;

/**
 * Projections of a session per audience. Each audience sees only what it may: a participant never
 * gets secrets, other participants' names or picks; the projector gets aggregates only; only the
 * facilitator sees who is who.
 */
public final class Views {

    private Views() {
    }

    /** What anyone with the join code may know: enough to join, nothing about who joined. */
    public record SessionInfo(String code, String joinUrl, String title, String language, String templateId, Localized question,
                              Localized questionMost, Localized questionLeast, List<String> terms, int mostPicks,
                              int leastPicks, boolean ownWordAllowed, boolean namesPublic,
                              List<StakeholderGroup> groups) {
    }

    public record Picking(boolean locked, ResultsMode resultsMode, boolean revealed) {
    }

    public record ParticipantSummary(String id, String name, String group, String role, List<String> most,
                                     List<String> least) {
    }

    public record FacilitatorView(String code, String joinUrl, Picking picking, Attendance attendance,
                                  List<ParticipantSummary> participants, PickResults results) {
    }

    public record ProjectorView(String code, String joinUrl, Picking picking, Attendance attendance,
                                PickResults results) {
    }

    public record RoomCount(int total) {
    }

    public record ParticipantView(Picking picking, RoomCount attendance, PickResults results) {
    }

    public static SessionInfo info(Session s, String joinUrl) {
        var t = s.template();
        return new SessionInfo(JoinCodes.display(s.joinCode()), joinUrl, s.title(), s.language(), t.id(), t.question(),
                t.questionMost(), t.questionLeast(), t.terms(), t.mostPicks(), t.leastPicks(), t.ownWordAllowed(),
                t.namesPublic(), t.groups());
    }

    public static ParticipantSummary summary(Participant p) {
        return new ParticipantSummary(p.id(), p.name(), p.group(), p.role(), List.copyOf(p.picks(PickKind.MOST)),
                List.copyOf(p.picks(PickKind.LEAST)));
    }

    static Picking picking(Session s) {
        return new Picking(s.picksLocked(), s.resultsMode(), s.revealed());
    }

    public static PickResults results(Session s) {
        return PickResults.tally(s.template().terms(), s.ownWords(), s.participants(),
                s.template().groups().stream().map(StakeholderGroup::id).toList());
    }

    public static FacilitatorView facilitator(Session s, String joinUrl, PickResults results) {
        return new FacilitatorView(JoinCodes.display(s.joinCode()), joinUrl, picking(s), Attendance.of(s),
                s.participants().stream().map(Views::summary).toList(), results);
    }

    public static ProjectorView projector(Session s, String joinUrl, PickResults results) {
        return new ProjectorView(JoinCodes.display(s.joinCode()), joinUrl, picking(s), Attendance.of(s),
                s.resultsVisibleToRoom() ? results : null);
    }

    public static ParticipantView participant(Session s, PickResults results) {
        return new ParticipantView(picking(s), new RoomCount(s.participants().size()),
                s.resultsVisibleToRoom() ? results : null);
    }
}
