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

import nl.waterline.notes.Note;
import nl.waterline.rounds.DiscussionNote;
import nl.waterline.rounds.HarvestEntry;
import nl.waterline.rounds.QuestionStatus;
import nl.waterline.rounds.Turn;
import nl.waterline.subgroups.Subgroup;
import nl.waterline.subgroups.SubgroupMixer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Whether newcomers can still join: the facilitator may close joining or cap the session. */
    public record Joining(boolean locked, Integer capacity) {
    }

    public record ParticipantSummary(String id, String name, String group, String role, List<String> most,
                                     List<String> least) {
    }

    /**
     * {@code participants} is null, and left out, in the live facilitator's view: that list comes in its own
     * {@code participants} frames, the changed rows only ({@link ParticipantRows}).
     */
    public record FacilitatorView(String code, String joinUrl, String phase, List<String> phases, Picking picking,
                                  Attendance attendance,
                                  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                                  List<?> participants, PickResults results,
                                  int turnSeconds, List<SubgroupDetail> subgroups, List<ParkedQuestion> parked,
                                  List<GroupHarvest> harvest, List<IssueView> issues, List<Note> notes,
                                  List<nl.waterline.notes.Perspective> perspectives, String series,
                                  boolean mergeSmallRoles, Joining joining) {
    }

    public record IssueView(String id, String title, String introduction) {
    }

    public record ProjectorView(String code, String joinUrl, String phase, List<String> phases, Picking picking,
                                Attendance attendance, PickResults results, int turnSeconds,
                                List<SubgroupOnScreen> subgroups, List<GroupHarvest> harvest) {
    }

    public record RoomCount(int total) {
    }

    public record ParticipantView(String phase, List<String> phases, Picking picking, RoomCount attendance,
                                  RoomResults results, int turnSeconds) {
    }

    /**
     * The results as phones show them: counts per term only. Splits per group and role stay on the
     * laptop and the projector; a phone does not need them, and they would make every participant's
     * view (a thousand of them, ten times a second) several times larger.
     */
    public record RoomResults(int participantsWithPicks, List<TermCount> terms) {
        static RoomResults of(PickResults results) {
            return new RoomResults(results.participantsWithPicks(), results.terms().stream()
                    .map(t -> new TermCount(t.term(), t.own(), t.most(), t.least())).toList());
        }
    }

    public record TermCount(String term, boolean own, int most, int least) {
    }

    /** A question as everyone sees it: without the asker. */
    public record QuestionView(String id, String speaker, String text, QuestionStatus status) {
    }

    public record ParkedQuestion(String id, String subgroup, String text, boolean pickedUp) {
    }

    public record TurnView(String speaker, Instant startedAt, Instant endedAt) {
    }

    public record SubgroupDetail(String id, String label, String colour, String host, List<String> members,
                                 List<String> order, SubgroupMixer.Mix mix, String speaker, Instant turnStartedAt,
                                 boolean finished, List<TurnView> turns, List<QuestionView> questions,
                                 List<DiscussionNote> discussion) {
    }

    public record SpeakerLabel(String group, String role) {
    }

    public record SubgroupOnScreen(String id, String label, String colour, SubgroupMixer.Mix mix,
                                   SpeakerLabel speakerLabel, Instant turnStartedAt, boolean finished,
                                   List<DiscussionNote> discussion) {
    }

    public record Member(String id, String name, String group, String role) {
    }

    public record SubgroupView(String id, String label, String colour, String host, List<Member> members,
                               List<String> order, String speaker, Instant turnStartedAt, boolean finished,
                               List<QuestionView> questions, List<DiscussionNote> discussion,
                               List<ParkedQuestion> parked) {
    }

    public record GroupHarvest(String group, List<HarvestEntry> entries) {
    }

    /** The personal frame: own picks and where to sit. */
    public record You(String id, String name, String group, String role, List<String> most, List<String> least,
                      String subgroup) {
    }

    public static SessionInfo info(Session s, String joinUrl) {
        var t = s.template();
        return new SessionInfo(JoinCodes.display(s.joinCode()), joinUrl, s.title(), s.language(), t.id(), t.question(),
                t.questionMost(), t.questionLeast(), t.terms(), t.mostPicks(), t.leastPicks(), t.ownWordAllowed(),
                t.namesPublic(), t.groups());
    }

    public static ParticipantSummary summary(Participant p) {
        return new ParticipantSummary(p.id(), p.name(), p.group(), p.role(), p.pickList(PickKind.MOST),
                p.pickList(PickKind.LEAST));
    }

    /**
     * What the phones' room view shows besides the counts: the step the room is in, whether picking is locked,
     * how results are shown, the turn length. A change here reaches the phones without waiting for their pace.
     */
    public record RoomShape(String phase, Picking picking, int turnSeconds) {
    }

    static RoomShape roomShape(Session s) {
        return new RoomShape(s.phase(), picking(s), s.turnSeconds());
    }

    static Picking picking(Session s) {
        return new Picking(s.picksLocked(), s.resultsMode(), s.revealed());
    }

    public static PickResults results(Session s) {
        return s.results();
    }

    /** The facilitator sees who is who; a note-taker gets the same without names ({@code withNames} false). */
    public static FacilitatorView facilitator(Session s, String joinUrl, PickResults results, boolean withNames) {
        return facilitator(s, joinUrl, results, withNames ? s.participants().stream().map(Views::summary).toList() : List.of());
    }

    /** The live facilitator's view: everything but the participant list, which has frames of its own. */
    static FacilitatorView facilitatorWithoutParticipants(Session s, String joinUrl, PickResults results) {
        return facilitator(s, joinUrl, results, null);
    }

    private static FacilitatorView facilitator(Session s, String joinUrl, PickResults results, List<?> participants) {
        List<SubgroupDetail> subgroups = s.subgroups().stream().map(sg -> detail(s, sg)).toList();
        return new FacilitatorView(JoinCodes.display(s.joinCode()), joinUrl, s.phase(), s.template().phases(),
                picking(s), s.attendance(), participants,
                results, s.turnSeconds(), subgroups, parked(s, null), harvest(s),
                s.issues().stream().map(i -> new IssueView(i.id(), i.title(), s.issueIntro(i.id()))).toList(), s.notes(),
                s.perspectives(), s.series(), s.mergeSmallRoles(), new Joining(s.joiningLocked(), s.capacity()));
    }

    public static ProjectorView projector(Session s, String joinUrl, PickResults results) {
        List<SubgroupOnScreen> subgroups = s.subgroups().stream().map(sg -> new SubgroupOnScreen(sg.id(), sg.label(),
                sg.colour(), SubgroupMixer.mixOf(s.membersOf(sg)), speakerLabel(s, sg.speaker()),
                turnStartedAt(s, sg), sg.finished(), discussionOf(s, sg.id()))).toList();
        return new ProjectorView(JoinCodes.display(s.joinCode()), joinUrl, s.phase(), s.template().phases(), picking(s),
                s.attendance(), s.resultsVisibleToRoom() ? results : null, s.turnSeconds(), subgroups, harvest(s));
    }

    public static ParticipantView participant(Session s, PickResults results) {
        return new ParticipantView(s.phase(), s.template().phases(), picking(s), new RoomCount(s.participants().size()),
                s.resultsVisibleToRoom() ? RoomResults.of(results) : null, s.turnSeconds());
    }

    /** What the members of one subgroup see; names only when the template makes them public. */
    public static SubgroupView subgroup(Session s, Subgroup sg) {
        boolean names = s.template().namesPublic();
        List<Member> members = new ArrayList<>();
        for (String id : sg.members()) {
            s.participant(id).ifPresent(p -> members.add(new Member(p.id(), names ? p.name() : null, p.group(), p.role())));
        }
        return new SubgroupView(sg.id(), sg.label(), sg.colour(), sg.host(), members, sg.order(), sg.speaker(),
                turnStartedAt(s, sg), sg.finished(), questionsOf(s, sg.id()), discussionOf(s, sg.id()), parked(s, sg.id()));
    }

    public static GroupHarvest harvestOf(Session s, String group) {
        return new GroupHarvest(group, s.harvest().stream().filter(h -> h.group().equals(group)).toList());
    }

    public static You you(Session s, Participant p) {
        return new You(p.id(), p.name(), p.group(), p.role(), List.copyOf(p.picks(PickKind.MOST)),
                List.copyOf(p.picks(PickKind.LEAST)), s.subgroupOf(p.id()).map(Subgroup::id).orElse(null));
    }

    private static SubgroupDetail detail(Session s, Subgroup sg) {
        List<TurnView> turns = s.turns().stream().filter(t -> t.subgroup().equals(sg.id()))
                .map(t -> new TurnView(t.speakerId(), t.startedAt(), t.endedAt())).toList();
        return new SubgroupDetail(sg.id(), sg.label(), sg.colour(), sg.host(), sg.members(), sg.order(),
                SubgroupMixer.mixOf(s.membersOf(sg)), sg.speaker(), turnStartedAt(s, sg), sg.finished(), turns,
                questionsOf(s, sg.id()), discussionOf(s, sg.id()));
    }

    private static Instant turnStartedAt(Session s, Subgroup sg) {
        if (sg.speaker() == null) {
            return null;
        }
        List<Turn> turns = s.turns();
        for (int i = turns.size() - 1; i >= 0; i--) {
            Turn t = turns.get(i);
            if (t.subgroup().equals(sg.id()) && t.endedAt() == null) {
                return t.startedAt();
            }
        }
        return null;
    }

    private static SpeakerLabel speakerLabel(Session s, String speakerId) {
        return speakerId == null ? null : s.participant(speakerId).map(p -> new SpeakerLabel(p.group(), p.role())).orElse(null);
    }

    private static List<QuestionView> questionsOf(Session s, String subgroup) {
        return s.questions().stream().filter(q -> q.subgroup().equals(subgroup))
                .map(q -> new QuestionView(q.id(), q.speakerId(), q.text(), q.status())).toList();
    }

    private static List<DiscussionNote> discussionOf(Session s, String subgroup) {
        return s.discussion().stream().filter(d -> d.subgroup().equals(subgroup)).toList();
    }

    /** Parked questions, of one subgroup or (null) of all. */
    private static List<ParkedQuestion> parked(Session s, String subgroup) {
        return s.questions().stream()
                .filter(q -> q.status() == QuestionStatus.PARKED && (subgroup == null || q.subgroup().equals(subgroup)))
                .map(q -> new ParkedQuestion(q.id(), q.subgroup(), q.text(), q.pickedUp())).toList();
    }

    private static List<GroupHarvest> harvest(Session s) {
        Map<String, List<HarvestEntry>> byGroup = new LinkedHashMap<>();
        s.template().groups().forEach(g -> byGroup.put(g.id(), new ArrayList<>()));
        s.harvest().forEach(h -> byGroup.computeIfAbsent(h.group(), g -> new ArrayList<>()).add(h));
        return byGroup.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> new GroupHarvest(e.getKey(), e.getValue())).toList();
    }
}
