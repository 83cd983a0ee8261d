package nl.waterline.session;

import nl.waterline.notes.NoteKind;
import nl.waterline.notes.Waterline;
import nl.waterline.rounds.DiscussionKind;
import nl.waterline.rounds.HarvestKind;
import nl.waterline.rounds.QuestionStatus;
import nl.waterline.session.SessionCommand.AddDiscussionNote;
import nl.waterline.session.SessionCommand.AddHarvest;
import nl.waterline.session.SessionCommand.AddNote;
import nl.waterline.session.SessionCommand.Ask;
import nl.waterline.session.SessionCommand.FormSubgroups;
import nl.waterline.session.SessionCommand.Join;
import nl.waterline.session.SessionCommand.NextSpeaker;
import nl.waterline.session.SessionCommand.SetPhase;
import nl.waterline.subgroups.Subgroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of the dialogue rounds, on the core alone. */
class DialogueTest {

    private Session session;
    private final List<SessionEvent> history = new ArrayList<>();
    private int ids;

    private static final String[][] ROOM = {
            {"gemeente", "uitvoering"}, {"gemeente", "management"}, {"gemeente", "bestuur"},
            {"uwv", "uitvoering"}, {"uwv", "management"}, {"szw", "beleid"},
            {"sociale-werkvoorziening", "uitvoering"}, {"kennisinstelling", "onderzoek"}};

    @BeforeEach
    void start() {
        SessionEvent.SessionCreated created = Fixtures.created();
        history.add(created);
        session = Session.start(created);
        for (int i = 0; i < ROOM.length; i++) {
            run(Actor.NEWCOMER, new Join("p" + i, Secrets.hash("p" + i), "P" + i, ROOM[i][0], ROOM[i][1], Instant.EPOCH));
        }
    }

    private List<SessionEvent> run(Actor actor, SessionCommand command) {
        List<SessionEvent> events = session.decide(actor, command);
        events.forEach(e -> {
            session.apply(e);
            history.add(e);
        });
        return events;
    }

    private void refused(ErrorCode code, Actor actor, SessionCommand command) {
        String before = session.describe();
        Refusal r = assertThrows(Refusal.class, () -> session.decide(actor, command));
        assertEquals(code, r.code(), r.getMessage());
        assertEquals(before, session.describe(), "a refused command changes nothing");
    }

    private static Actor p(String id) {
        return new Actor.Participant(id);
    }

    private void phase(String phase) {
        run(Actor.FACILITATOR, new SetPhase(phase));
    }

    private Subgroup subgroupOf(String participant) {
        return session.subgroupOf(participant).orElseThrow();
    }

    private String nextQuestionId() {
        return "q" + (++ids);
    }

    @Test
    void onlyTheFacilitatorMovesPhasesAndOnlyToTheTemplatesPhases() {
        assertEquals("join", session.phase());
        refused(ErrorCode.FORBIDDEN, p("p1"), new SetPhase("picks"));
        refused(ErrorCode.INVALID_VALUE, Actor.FACILITATOR, new SetPhase("party"));
        phase("perspective-round");
        phase("picks");
        assertEquals("picks", session.phase(), "the facilitator can go back");
    }

    @Test
    void picksAreTakenOnlyInThePickingPhases() {
        phase("discussion");
        refused(ErrorCode.WRONG_PHASE, p("p1"), new SessionCommand.Pick(nl.waterline.picks.PickKind.MOST, "Reflecteren", false));
    }

    @Test
    void subgroupsAreMixedAndLateJoinersAddDiversity() {
        refused(ErrorCode.FORBIDDEN, p("p1"), new FormSubgroups(4, null, 1));
        refused(ErrorCode.INVALID_VALUE, Actor.FACILITATOR, new FormSubgroups(4, 2, 1));
        run(Actor.FACILITATOR, new FormSubgroups(null, 2, 42));
        List<Subgroup> subgroups = session.subgroups();
        assertEquals(2, subgroups.size());
        assertEquals(List.of("A", "B"), subgroups.stream().map(Subgroup::label).toList());
        for (Subgroup sg : subgroups) {
            assertEquals(4, sg.members().size());
            long gemeente = sg.members().stream().filter(m -> session.participant(m).orElseThrow().group().equals("gemeente")).count();
            assertTrue(gemeente == 1 || gemeente == 2, "3 of gemeente over 2 subgroups: 1 or 2 each");
        }
        run(Actor.NEWCOMER, new Join("late", Secrets.hash("late"), null, "szw", "beleid", Instant.EPOCH));
        Subgroup placed = subgroupOf("late");
        long szwThere = placed.members().stream().filter(m -> session.participant(m).orElseThrow().group().equals("szw")).count();
        assertEquals(1, szwThere, "the late SZW joiner goes where SZW was missing");
    }

    @Test
    void aWholePerspectiveRoundWithClarifyingQuestionsOnly() {
        run(Actor.FACILITATOR, new FormSubgroups(null, 2, 7));
        Subgroup a = session.subgroups().get(0);
        List<String> order = a.order();
        refused(ErrorCode.WRONG_PHASE, Actor.FACILITATOR, new NextSpeaker(a.id(), Instant.EPOCH));
        phase("perspective-round");
        String listener = order.get(1);
        refused(ErrorCode.NO_SPEAKER, p(listener), new Ask(nextQuestionId(), "Wat bedoel je?", Instant.EPOCH));
        refused(ErrorCode.FORBIDDEN, p(listener), new NextSpeaker(null, Instant.EPOCH));

        run(Actor.FACILITATOR, new NextSpeaker(a.id(), Instant.parse("2026-11-28T10:00:00Z")));
        String speaker = order.get(0);
        assertEquals(speaker, a.speaker());
        refused(ErrorCode.NOT_A_QUESTION, p(listener), new Ask(nextQuestionId(), "Ik vind dat onzin.", Instant.EPOCH));
        refused(ErrorCode.SPEAKER_CANNOT_ASK, p(speaker), new Ask(nextQuestionId(), "Mag ik iets vragen?", Instant.EPOCH));
        String other = session.subgroups().get(1).members().get(0);
        refused(ErrorCode.NO_SPEAKER, p(other), new Ask(nextQuestionId(), "Hoe zit dat?", Instant.EPOCH));

        run(p(listener), new Ask("q-real", "Wat bedoel je met  'praktijkkennis'? ", Instant.EPOCH));
        run(p(order.get(2)), new Ask("q-opinion", "Is het niet gewoon zo dat SZW te veel stuurt?", Instant.EPOCH));
        refused(ErrorCode.NOT_THE_SPEAKER, p(listener), new SessionCommand.MarkAnswered("q-real"));
        run(p(speaker), new SessionCommand.MarkAnswered("q-real"));
        refused(ErrorCode.FORBIDDEN, p(listener), new SessionCommand.Park("q-opinion"));
        run(Actor.FACILITATOR, new SessionCommand.SetHost(a.id(), order.get(3)));
        run(p(order.get(3)), new SessionCommand.Park("q-opinion"));
        assertEquals(List.of(QuestionStatus.ANSWERED, QuestionStatus.PARKED),
                session.questions().stream().map(q -> q.status()).toList());

        run(p(speaker), new NextSpeaker(null, Instant.parse("2026-11-28T10:03:00Z")));
        assertEquals(order.get(1), a.speaker(), "the speaker hands over to the next in order");
        run(p(order.get(3)), new NextSpeaker(null, Instant.parse("2026-11-28T10:06:00Z")));
        run(Actor.FACILITATOR, new NextSpeaker(a.id(), Instant.parse("2026-11-28T10:09:00Z")));
        run(Actor.FACILITATOR, new NextSpeaker(a.id(), Instant.parse("2026-11-28T10:12:00Z")));
        assertTrue(a.finished());
        assertNull(a.speaker());
        refused(ErrorCode.ROUND_FINISHED, Actor.FACILITATOR, new NextSpeaker(a.id(), Instant.EPOCH));
        assertEquals(order, session.turns().stream().filter(t -> t.subgroup().equals(a.id())).map(t -> t.speakerId()).toList(),
                "the server keeps which turns happened, in order");
        assertTrue(session.turns().stream().allMatch(t -> t.endedAt() != null));
    }

    @Test
    void turnOrderCanBeChangedButMustNameEveryMember() {
        run(Actor.FACILITATOR, new FormSubgroups(null, 2, 3));
        Subgroup a = session.subgroups().get(0);
        List<String> reversed = new ArrayList<>(a.order());
        java.util.Collections.reverse(reversed);
        refused(ErrorCode.INVALID_VALUE, Actor.FACILITATOR, new SessionCommand.SetTurnOrder(a.id(), reversed.subList(0, 2)));
        run(Actor.FACILITATOR, new SessionCommand.SetTurnOrder(a.id(), reversed));
        phase("perspective-round");
        run(Actor.FACILITATOR, new NextSpeaker(a.id(), Instant.EPOCH));
        assertEquals(reversed.get(0), a.speaker());
    }

    @Test
    void theDiscussionTakesDifferencesAndSimilaritiesOfOnesOwnSubgroup() {
        run(Actor.FACILITATOR, new FormSubgroups(null, 2, 5));
        Subgroup a = session.subgroups().get(0);
        Subgroup b = session.subgroups().get(1);
        String member = a.members().get(0);
        refused(ErrorCode.WRONG_PHASE, p(member), new AddDiscussionNote("d1", null, DiscussionKind.DIFFERENCE, "x", List.of(), null));
        phase("discussion");
        refused(ErrorCode.FORBIDDEN, p(member), new AddDiscussionNote("d1", b.id(), DiscussionKind.DIFFERENCE, "x", List.of(), null));
        refused(ErrorCode.UNKNOWN_GROUP, p(member), new AddDiscussionNote("d1", null, DiscussionKind.DIFFERENCE, "x", List.of("nasa"), null));
        run(p(member), new AddDiscussionNote("d1", null, DiscussionKind.DIFFERENCE,
                "Gemeente ziet vrijwilligerswerk als doel, SZW niet", List.of("gemeente", "szw"), null));
        run(Actor.FACILITATOR, new AddDiscussionNote("d2", b.id(), DiscussionKind.SIMILARITY, "Iedereen wil leren", List.of(), null));
        assertEquals(List.of("d1", "d2"), session.discussion().stream().map(d -> d.id()).toList());
        assertEquals(a.id(), session.discussion().get(0).subgroup());
    }

    @Test
    void eachStakeholderGroupWritesOnlyItsOwnHarvest() {
        phase("harvest");
        refused(ErrorCode.FORBIDDEN, p("p0"), new AddHarvest("h1", "uwv", HarvestKind.HEARD, "x"));
        run(p("p0"), new AddHarvest("h1", null, HarvestKind.HEARD, "UWV kijkt vooral naar uitstroom"));
        run(p("p3"), new AddHarvest("h2", "uwv", HarvestKind.CONTINUE, "Samen casuïstiek bespreken"));
        assertEquals(List.of("gemeente", "uwv"), session.harvest().stream().map(h -> h.group()).toList());
    }

    @Test
    void notesAreCapturedByFacilitatorAndNoteTakerWithGroupAndRoleOnly() {
        run(Actor.FACILITATOR, new SessionCommand.AddNoteTaker(Secrets.hash("notes")));
        assertTrue(session.isNoteTakerSecretHash(Secrets.hash("notes")));
        refused(ErrorCode.FORBIDDEN, p("p1"), new AddNote("n0", NoteKind.QUOTE, "x", "uwv", null, null, null, Instant.EPOCH));
        refused(ErrorCode.UNKNOWN_ISSUE, Actor.NOTE_TAKER, new AddNote("n0", NoteKind.QUOTE, "x", "uwv", null, null, "nope", Instant.EPOCH));
        refused(ErrorCode.UNKNOWN_ROLE, Actor.NOTE_TAKER, new AddNote("n0", NoteKind.QUOTE, "x", "uwv", "bestuur", null, null, Instant.EPOCH));
        run(Actor.NOTE_TAKER, new AddNote("n1", NoteKind.QUOTE, "Doelen op papier leven niet", "gemeente", "uitvoering",
                Waterline.BELOW, "doelen-van-re-integratie", Instant.EPOCH));
        run(Actor.FACILITATOR, new SessionCommand.AddIssue("i1", "Rol van de klant"));
        run(Actor.NOTE_TAKER, new SessionCommand.RenameIssue("i1", "De rol van de cliënt"));
        assertEquals(9, session.issues().size(), "eight seeded issues plus one added");
        assertEquals("De rol van de cliënt", session.issues().get(8).title());
        assertEquals(Waterline.BELOW, session.notes().get(0).waterline());
    }

    @Test
    void theWholeDialogueSurvivesAReplay() {
        run(Actor.FACILITATOR, new FormSubgroups(4, null, 11));
        run(Actor.FACILITATOR, new SessionCommand.SetTurnSeconds(180));
        phase("perspective-round");
        Subgroup a = session.subgroups().get(0);
        run(Actor.FACILITATOR, new NextSpeaker(a.id(), Instant.parse("2026-11-28T10:00:00Z")));
        run(p(a.order().get(1)), new Ask("q1", "Waarom?", Instant.EPOCH));
        run(Actor.FACILITATOR, new SessionCommand.Park("q1"));
        run(Actor.NEWCOMER, new Join("late", Secrets.hash("late"), null, "uwv", "management", Instant.EPOCH));
        run(Actor.FACILITATOR, new SessionCommand.MoveParticipant("late", session.subgroups().get(1).id()));
        phase("discussion");
        run(p(a.members().get(0)), new AddDiscussionNote("d1", null, DiscussionKind.DIFFERENCE, "Verschil", List.of("uwv"), "q1"));
        assertTrue(session.questions().get(0).pickedUp());
        assertEquals(session.describe(), Session.replay(history).describe());
        assertNotEquals(0, session.turnSeconds());
    }

    @Test
    void movingKeepsEveryoneInExactlyOneSubgroup() {
        run(Actor.FACILITATOR, new FormSubgroups(null, 3, 9));
        Subgroup target = session.subgroups().get(2);
        String mover = session.subgroups().get(0).members().get(0);
        run(Actor.FACILITATOR, new SessionCommand.MoveParticipant(mover, target.id()));
        Set<String> seen = new HashSet<>();
        for (Subgroup sg : session.subgroups()) {
            for (String m : sg.members()) {
                assertTrue(seen.add(m), m + " is in two subgroups");
            }
        }
        assertEquals(ROOM.length, seen.size());
        assertEquals(target.id(), subgroupOf(mover).id());
        assertFalse(session.subgroups().get(0).contains(mover));
        refused(ErrorCode.UNKNOWN_SUBGROUP, Actor.FACILITATOR, new SessionCommand.MoveParticipant(mover, "g99"));
        refused(ErrorCode.UNKNOWN_PARTICIPANT, Actor.FACILITATOR, new SessionCommand.MoveParticipant("nobody", target.id()));
    }
}
