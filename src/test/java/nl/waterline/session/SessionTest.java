package nl.waterline.session;

import nl.waterline.picks.PickKind;
import nl.waterline.picks.ResultsMode;
import nl.waterline.session.SessionCommand.Join;
import nl.waterline.session.SessionCommand.Pick;
import nl.waterline.session.SessionCommand.Unpick;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static nl.waterline.picks.PickKind.LEAST;
import static nl.waterline.picks.PickKind.MOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTest {

    private Session session;
    private final List<SessionEvent> history = new ArrayList<>();

    @BeforeEach
    void start() {
        SessionEvent.SessionCreated created = Fixtures.created();
        history.add(created);
        session = Session.start(created);
    }

    private List<SessionEvent> run(Actor actor, SessionCommand command) {
        List<SessionEvent> events = session.decide(actor, command);
        events.forEach(e -> {
            session.apply(e);
            history.add(e);
        });
        return events;
    }

    private Actor join(String id, String group, String role) {
        run(Actor.NEWCOMER, new Join(id, Secrets.hash(id + "-secret"), "Name " + id, group, role, Instant.EPOCH));
        return new Actor.Participant(id);
    }

    private void assertRefused(ErrorCode code, Actor actor, SessionCommand command) {
        String before = session.describe();
        Refusal refusal = assertThrows(Refusal.class, () -> session.decide(actor, command));
        assertEquals(code, refusal.code(), refusal.getMessage());
        assertEquals(before, session.describe(), "a refused command changes nothing");
    }

    @Test
    void aThirdMostPickIsRefusedAndChangesNothing() {
        Actor anne = join("p1", "gemeente", "uitvoering");
        run(anne, new Pick(MOST, "Evidence-based werken", false));
        run(anne, new Pick(MOST, "Praktijkkennis benutten", false));
        assertRefused(ErrorCode.TOO_MANY_PICKS, anne, new Pick(MOST, "Verantwoorden", false));
        assertEquals(Set.of("Evidence-based werken", "Praktijkkennis benutten"),
                session.participant("p1").orElseThrow().picks(MOST));
    }

    @Test
    void aTermCannotBeBothMostAndLeast() {
        Actor anne = join("p1", "gemeente", "uitvoering");
        run(anne, new Pick(MOST, "Verantwoorden", false));
        assertRefused(ErrorCode.PICK_CONFLICT, anne, new Pick(LEAST, "Verantwoorden", false));
    }

    @Test
    void pickingTheSameTermTwiceIsAcceptedWithoutChange() {
        Actor anne = join("p1", "gemeente", "uitvoering");
        run(anne, new Pick(MOST, "Verantwoorden", false));
        long version = session.version();
        assertEquals(List.of(), run(anne, new Pick(MOST, "Verantwoorden", false)));
        assertEquals(version, session.version());
    }

    @Test
    void unpickFreesTheSlot() {
        Actor anne = join("p1", "gemeente", "uitvoering");
        run(anne, new Pick(LEAST, "Verantwoorden", false));
        run(anne, new Pick(LEAST, "Reflecteren", false));
        run(anne, new Unpick(LEAST, "Verantwoorden"));
        run(anne, new Pick(LEAST, "Integraal werken", false));
        assertEquals(Set.of("Reflecteren", "Integraal werken"), session.participant("p1").orElseThrow().picks(LEAST));
    }

    @Test
    void thePickListsThatViewsShowFollowEveryPickAndUnpick() {
        Actor anne = join("p1", "gemeente", "uitvoering");
        Participant p = session.participant("p1").orElseThrow();
        run(anne, new Pick(LEAST, "Verantwoorden", false));
        assertEquals(List.of("Verantwoorden"), p.pickList(LEAST));
        assertEquals(List.of(), p.pickList(MOST));
        run(anne, new Pick(LEAST, "Reflecteren", false));
        run(anne, new Pick(MOST, "Integraal werken", false));
        assertEquals(List.of("Verantwoorden", "Reflecteren"), p.pickList(LEAST), "in pick order");
        run(anne, new Unpick(LEAST, "Verantwoorden"));
        assertEquals(List.of("Reflecteren"), p.pickList(LEAST));
        assertEquals(List.of("Integraal werken"), p.pickList(MOST));
    }

    @Test
    void attendanceFollowsJoinsAndDepartures() {
        join("p1", "gemeente", "uitvoering");
        Attendance before = session.attendance();
        assertEquals(1, before.total());
        join("p2", "uwv", "management");
        assertEquals(2, session.attendance().total());
        assertEquals(Attendance.of(session), session.attendance(), "the same as counted from scratch");
        Attendance two = session.attendance();
        run(new Actor.Participant("p2"), new Pick(MOST, "Verantwoorden", false));
        assertSame(two, session.attendance(), "a pick does not count the room again");
        run(Actor.FACILITATOR, new SessionCommand.RemoveParticipant("p1"));
        assertEquals(1, session.attendance().total());
        assertEquals(Attendance.of(session), session.attendance());
    }

    @Test
    void unknownTermsAndGroupsAreRefused() {
        assertRefused(ErrorCode.UNKNOWN_GROUP, Actor.NEWCOMER,
                new Join("p9", "h", "x", "gemeentes", "uitvoering", Instant.EPOCH));
        assertRefused(ErrorCode.UNKNOWN_ROLE, Actor.NEWCOMER,
                new Join("p9", "h", "x", "uwv", "bestuur", Instant.EPOCH));
        Actor anne = join("p1", "gemeente", "bestuur");
        assertRefused(ErrorCode.UNKNOWN_TERM, anne, new Pick(MOST, "Not a term", false));
    }

    @Test
    void namesAreCleanedAndHostileNamesRefused() {
        assertRefused(ErrorCode.TEXT_TOO_LONG, Actor.NEWCOMER,
                new Join("p9", "h", "x".repeat(41), "gemeente", "uitvoering", Instant.EPOCH));
        assertRefused(ErrorCode.INVALID_TEXT, Actor.NEWCOMER,
                new Join("p9", "h", "Anne\u0000", "gemeente", "uitvoering", Instant.EPOCH));
        run(Actor.NEWCOMER, new Join("p9", "h", "  Anne   de  Vries ", "gemeente", "uitvoering", Instant.EPOCH));
        assertEquals("Anne de Vries", session.participant("p9").orElseThrow().name());
    }

    @Test
    void ownWordsAreNormalisedAndMergedCaseInsensitively() {
        Actor anne = join("p1", "gemeente", "uitvoering");
        Actor bert = join("p2", "uwv", "management");
        Actor carla = join("p3", "szw", "beleid");
        run(anne, new Pick(MOST, "  Klant   centraal ", true));
        run(bert, new Pick(LEAST, "klant centraal", true));
        run(carla, new Pick(MOST, "evidence-based WERKEN", true));
        assertEquals(Set.of("Klant centraal"), session.participant("p2").orElseThrow().picks(LEAST));
        assertEquals(Set.of("Evidence-based werken"), session.participant("p3").orElseThrow().picks(MOST),
                "an own word equal to a cloud term is that term");
        assertEquals(List.of("Klant centraal"), session.ownWords());
    }

    @Test
    void onlyTheFacilitatorLocksPickingAndLockedPickingRefusesPicks() {
        Actor anne = join("p1", "gemeente", "uitvoering");
        assertRefused(ErrorCode.FORBIDDEN, anne, new SessionCommand.LockPicking(true));
        assertRefused(ErrorCode.FORBIDDEN, Actor.PROJECTOR, new SessionCommand.LockPicking(true));
        run(Actor.FACILITATOR, new SessionCommand.LockPicking(true));
        assertRefused(ErrorCode.PICKING_LOCKED, anne, new Pick(MOST, "Verantwoorden", false));
        assertRefused(ErrorCode.FORBIDDEN, Actor.FACILITATOR, new Pick(MOST, "Verantwoorden", false));
    }

    @Test
    void resultsReachTheRoomOnlyWhenLiveOrRevealed() {
        assertFalse(session.resultsVisibleToRoom());
        run(Actor.FACILITATOR, new SessionCommand.RevealResults(true));
        assertTrue(session.resultsVisibleToRoom());
        run(Actor.FACILITATOR, new SessionCommand.RevealResults(false));
        run(Actor.FACILITATOR, new SessionCommand.SetResultsMode(ResultsMode.LIVE));
        assertTrue(session.resultsVisibleToRoom());
    }

    @Test
    void replayingTheHistoryRebuildsTheSameState() {
        Actor anne = join("p1", "gemeente", "uitvoering");
        Actor bert = join("p2", "uwv", "management");
        run(anne, new Pick(MOST, "Verantwoorden", false));
        run(bert, new Pick(LEAST, "eigen woord", true));
        run(anne, new Unpick(MOST, "Verantwoorden"));
        run(Actor.FACILITATOR, new SessionCommand.LockPicking(true));
        assertEquals(session.describe(), Session.replay(history).describe());
    }

    @Test
    void secretsIdentifyTheirOwner() {
        join("p1", "gemeente", "uitvoering");
        assertEquals("p1", session.participantBySecretHash(Secrets.hash("p1-secret")).orElseThrow().id());
        assertTrue(session.participantBySecretHash(Secrets.hash("guess")).isEmpty());
        assertTrue(session.isFacilitatorSecretHash(Secrets.hash("facilitator-secret")));
        assertFalse(session.isFacilitatorSecretHash(Secrets.hash("p1-secret")));
    }

    @Test
    void attendanceNamesTheMissingExpectedGroups() {
        join("p1", "gemeente", "uitvoering");
        join("p2", "gemeente", "management");
        join("p3", "uwv", "management");
        Attendance attendance = Attendance.of(session);
        assertEquals(3, attendance.total());
        assertEquals(List.of("szw", "sociale-werkvoorziening", "clienten-werkzoekenden"), attendance.missingExpected());
        Attendance.GroupAttendance gemeente = attendance.groups().get(0);
        assertEquals(2, gemeente.count());
        assertEquals(1, gemeente.roles().get(0).count());
    }

    @Test
    void aJoinWithTheSecretOfAParticipantIsThatParticipantAndChangesNothing() {
        String secretHash = Secrets.hash("phone-chosen-secret-0123456789");
        run(Actor.NEWCOMER, new Join("p1", secretHash, "Anne", "gemeente", "uitvoering", Instant.EPOCH));
        String before = session.describe();
        assertEquals(List.of(), run(Actor.NEWCOMER, new Join("p2", secretHash, "Anne", "gemeente", "uitvoering", Instant.EPOCH)),
                "a retried join adds no second participant");
        assertEquals(List.of(), run(Actor.NEWCOMER, new Join("p3", secretHash, "Other", "uwv", "management", Instant.EPOCH)),
                "the first join decides who the participant is");
        assertEquals(before, session.describe());
        assertEquals("p1", session.participantBySecretHash(secretHash).orElseThrow().id());

        // Joining closed and the session full since the first answer got lost: the retry still finds its participant.
        run(Actor.FACILITATOR, new SessionCommand.SetCapacity(1));
        run(Actor.FACILITATOR, new SessionCommand.LockJoining(true));
        assertEquals(List.of(), session.decide(Actor.NEWCOMER, new Join("p4", secretHash, "Anne", "gemeente", "uitvoering", Instant.EPOCH)));

        // After a restart the rule holds too: the hash is in the stored events.
        Session restarted = Session.replay(history);
        assertEquals(List.of(), restarted.decide(Actor.NEWCOMER, new Join("p5", secretHash, "Anne", "gemeente", "uitvoering", Instant.EPOCH)));
        assertEquals(1, restarted.participants().size());
    }

    @Test
    void aNewSecretIsANewParticipant() {
        run(Actor.NEWCOMER, new Join("p1", Secrets.hash("secret-of-phone-one-0000"), "Anne", "gemeente", "uitvoering", Instant.EPOCH));
        run(Actor.NEWCOMER, new Join("p2", Secrets.hash("secret-of-phone-two-0000"), "Anne", "gemeente", "uitvoering", Instant.EPOCH));
        assertEquals(2, session.participants().size());
    }

    @Test
    void theSecretOfARemovedParticipantOpensNothingAgain() {
        String secretHash = Secrets.hash("phone-chosen-secret-0123456789");
        run(Actor.NEWCOMER, new Join("p1", secretHash, "Bot", "gemeente", "uitvoering", Instant.EPOCH));
        run(Actor.FACILITATOR, new SessionCommand.RemoveParticipant("p1"));
        assertRefused(ErrorCode.WRONG_SECRET, Actor.NEWCOMER, new Join("p2", secretHash, "Bot", "gemeente", "uitvoering", Instant.EPOCH));
        assertThrows(Refusal.class, () -> Session.replay(history)
                .decide(Actor.NEWCOMER, new Join("p3", secretHash, "Bot", "gemeente", "uitvoering", Instant.EPOCH)));
    }

    @Test
    void aSecretAPhoneChoseMustLookLikeOne() {
        assertEquals("AAAAAAAAAAAAAAAAAAAAAA", Secrets.clientSecret("AAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals("a-_9".repeat(16), Secrets.clientSecret("a-_9".repeat(16)));
        for (String bad : new String[]{null, "", "short", "A".repeat(21), "A".repeat(65), "AAAAAAAAAAAAAAAAAAAAA=",
                "AAAAAAAAAAA AAAAAAAAAAA", "AAAAAAAAAAA+AAAAAAAAAA/", "AAAAAAAAAAAAAAAAAAAAAé"}) {
            assertEquals(ErrorCode.INVALID_VALUE, assertThrows(Refusal.class, () -> Secrets.clientSecret(bad)).code(), String.valueOf(bad));
        }
    }

    @Test
    void pickKindOtherIsTheOpposite() {
        assertEquals(PickKind.LEAST, MOST.other());
    }
}
