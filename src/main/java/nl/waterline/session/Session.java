package nl.waterline.session;

import nl.waterline.picks.PickKind;
import nl.waterline.picks.PickResults;
import nl.waterline.picks.PickTally;
import nl.waterline.picks.ResultsMode;
import nl.waterline.session.SessionCommand.Join;
import nl.waterline.session.SessionCommand.LockPicking;
import nl.waterline.session.SessionCommand.Pick;
import nl.waterline.session.SessionCommand.RevealResults;
import nl.waterline.session.SessionCommand.SetResultsMode;
import nl.waterline.session.SessionCommand.Unpick;
import nl.waterline.session.SessionEvent.ParticipantJoined;
import nl.waterline.session.SessionEvent.PickAdded;
import nl.waterline.session.SessionEvent.PickRemoved;
import nl.waterline.session.SessionEvent.PickingLocked;
import nl.waterline.session.SessionEvent.ResultsModeChanged;
import nl.waterline.session.SessionEvent.ResultsRevealed;
import nl.waterline.session.SessionEvent.SessionCreated;
import nl.waterline.template.SessionTemplate;
import nl.waterline.template.StakeholderGroup;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The live state of one session and its rules.
 *
 * <p>Not thread-safe on purpose: exactly one owner applies commands to a session, in order
 * ({@code nl.waterline.live.SessionOwner}). {@link #decide} checks a command against the current
 * state and returns the events it causes, or throws a {@link Refusal} and changes nothing;
 * {@link #apply} moves the state forward. Replaying the stored events through {@link #apply}
 * rebuilds the session after a restart.
 */
public final class Session {

    private final String id;
    private final String joinCode;
    private final String title;
    private final String language;
    private final SessionTemplate template;
    private final String facilitatorSecretHash;
    private final Instant createdAt;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, Participant> participantsBySecret = new HashMap<>();
    /** Secret hashes of removed participants: a secret belongs to one participant, even after removal. */
    private final java.util.Set<String> removedSecrets = new java.util.HashSet<>();
    /** Every word known in this session, by its case-folded form: template terms first, then own words. */
    private final Map<String, String> knownWords = new HashMap<>();
    private final Map<String, Boolean> ownWords = new LinkedHashMap<>();
    private boolean picksLocked;
    private boolean joiningLocked;
    private Integer capacity;
    private ResultsMode resultsMode = ResultsMode.ON_REVEAL;
    private boolean revealed;
    private long version;
    private final Dialogue dialogue;
    private final MinutesEditor minutes;
    private final PickTally tally;

    private Session(SessionCreated created) {
        this.id = created.sessionId();
        this.joinCode = created.joinCode();
        this.title = created.title();
        this.language = created.language();
        this.template = created.template();
        this.facilitatorSecretHash = created.facilitatorSecretHash();
        this.createdAt = created.at();
        for (String term : template.terms()) {
            knownWords.put(fold(term), term);
        }
        this.tally = new PickTally(template.terms(), template.groups().stream().map(StakeholderGroup::id).toList());
        this.version = 1;
        this.dialogue = new Dialogue(this);
        this.minutes = new MinutesEditor(this, dialogue);
    }

    public static Session start(SessionCreated created) {
        return new Session(created);
    }

    /** Rebuilds a session from its stored events, the first of which created it. */
    public static Session replay(List<SessionEvent> events) {
        if (events.isEmpty() || !(events.get(0) instanceof SessionCreated created)) {
            throw new IllegalArgumentException("a session's history starts with SessionCreated");
        }
        Session session = start(created);
        for (SessionEvent event : events.subList(1, events.size())) {
            session.apply(event);
        }
        return session;
    }

    // ---- decide -------------------------------------------------------------------------------

    public List<SessionEvent> decide(Actor actor, SessionCommand command) {
        if (command instanceof Join join) {
            return decideJoin(actor, join);
        }
        if (command instanceof SessionCommand.LockJoining lock) {
            requireFacilitator(actor);
            return lock.locked() == joiningLocked ? List.of() : List.of(new SessionEvent.JoiningLocked(lock.locked()));
        }
        if (command instanceof SessionCommand.SetCapacity cap) {
            requireFacilitator(actor);
            if (cap.capacity() != null && (cap.capacity() < 1 || cap.capacity() > 10_000)) {
                throw new Refusal(ErrorCode.INVALID_VALUE, "capacity must be between 1 and 10000, or empty for no cap");
            }
            return java.util.Objects.equals(cap.capacity(), capacity) ? List.of() : List.of(new SessionEvent.CapacitySet(cap.capacity()));
        }
        if (command instanceof SessionCommand.RemoveParticipant remove) {
            requireFacilitator(actor);
            Participant p = participants.get(remove.participantId());
            if (p == null) {
                throw new Refusal(ErrorCode.UNKNOWN_PARTICIPANT, "no participant '" + remove.participantId() + "'");
            }
            return List.of(new SessionEvent.ParticipantRemoved(p.id()));
        }
        if (command instanceof Pick pick) {
            Participant p = participantOf(actor);
            dialogue.requirePickingPhase();
            return decidePick(p, pick);
        }
        if (command instanceof Unpick unpick) {
            Participant p = participantOf(actor);
            dialogue.requirePickingPhase();
            requirePickingOpen();
            Optional<String> term = findPicked(p, unpick.kind(), unpick.term());
            return term.<List<SessionEvent>>map(t -> List.of(new PickRemoved(p.id(), unpick.kind(), t))).orElse(List.of());
        }
        if (command instanceof LockPicking lock) {
            requireFacilitator(actor);
            return lock.locked() == picksLocked ? List.of() : List.of(new PickingLocked(lock.locked()));
        }
        if (command instanceof SetResultsMode mode) {
            requireFacilitator(actor);
            if (mode.mode() == null) {
                throw new Refusal(ErrorCode.INVALID_VALUE, "mode must be LIVE or ON_REVEAL");
            }
            return mode.mode() == resultsMode ? List.of() : List.of(new ResultsModeChanged(mode.mode()));
        }
        if (command instanceof RevealResults reveal) {
            requireFacilitator(actor);
            return reveal.revealed() == revealed ? List.of() : List.of(new ResultsRevealed(reveal.revealed()));
        }
        return minutes.decide(actor, command).orElseGet(() -> dialogue.decide(actor, command));
    }

    private List<SessionEvent> decideJoin(Actor actor, Join join) {
        if (!(actor instanceof Actor.Newcomer)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "only a newcomer can join");
        }
        // The same secret is the same participant: a join retried after its answer was lost (the phone
        // chose the secret) changes nothing, also when joining was closed or the session filled up since.
        if (participantsBySecret.containsKey(join.secretHash())) {
            return List.of();
        }
        if (removedSecrets.contains(join.secretHash())) {
            throw new Refusal(ErrorCode.WRONG_SECRET, "this secret belonged to a participant who was removed");
        }
        if (joiningLocked) {
            throw new Refusal(ErrorCode.JOINING_LOCKED, "the facilitator has closed joining for this session");
        }
        if (capacity != null && participants.size() >= capacity) {
            throw new Refusal(ErrorCode.SESSION_FULL, "this session is full (" + capacity + " participants)");
        }
        String name = TextRules.clean(join.name(), "name", TextRules.MAX_NAME);
        String groupId = TextRules.required(join.group(), "group", 60);
        String roleId = TextRules.required(join.role(), "role", 60);
        StakeholderGroup group = template.group(groupId).orElseThrow(() ->
                new Refusal(ErrorCode.UNKNOWN_GROUP, "stakeholder group '" + groupId + "' is not part of this session"));
        group.role(roleId).orElseThrow(() ->
                new Refusal(ErrorCode.UNKNOWN_ROLE, "role '" + roleId + "' is not a role of " + groupId));
        if (participants.containsKey(join.participantId())) {
            throw new IllegalStateException("participant id collision: " + join.participantId());
        }
        ParticipantJoined joined = new ParticipantJoined(join.participantId(), join.secretHash(), name, groupId, roleId, join.at());
        return dialogue.placeLateJoiner(join.participantId(), groupId, roleId)
                .<List<SessionEvent>>map(placed -> List.of(joined, placed))
                .orElseGet(() -> List.of(joined));
    }

    private List<SessionEvent> decidePick(Participant p, Pick pick) {
        if (pick.kind() == null) {
            throw new Refusal(ErrorCode.INVALID_VALUE, "kind must be MOST or LEAST");
        }
        requirePickingOpen();
        String term = resolveTerm(pick);
        boolean own = ownWords.containsKey(fold(term)) || !template.terms().contains(term);
        Collection<String> same = p.picks(pick.kind());
        if (same.contains(term)) {
            return List.of();
        }
        if (p.picks(pick.kind().other()).contains(term)) {
            throw new Refusal(ErrorCode.PICK_CONFLICT,
                    "'" + term + "' is already one of your " + pick.kind().other() + " words");
        }
        int max = pick.kind() == PickKind.MOST ? template.mostPicks() : template.leastPicks();
        if (same.size() >= max) {
            throw new Refusal(ErrorCode.TOO_MANY_PICKS,
                    "you already picked " + max + " " + pick.kind() + " words; remove one first");
        }
        return List.of(new PickAdded(p.id(), pick.kind(), term, own));
    }

    /** The spelling a pick is stored under: a template term, or an own word merged case-insensitively. */
    private String resolveTerm(Pick pick) {
        if (!pick.own()) {
            String term = TextRules.required(pick.term(), "term", 200);
            if (!template.terms().contains(term)) {
                throw new Refusal(ErrorCode.UNKNOWN_TERM, "'" + term + "' is not in the word cloud");
            }
            return term;
        }
        if (!template.ownWordAllowed()) {
            throw new Refusal(ErrorCode.OWN_WORD_NOT_ALLOWED, "this session does not take own words");
        }
        String word = TextRules.required(pick.term(), "own word", TextRules.MAX_OWN_WORD);
        return knownWords.getOrDefault(fold(word), word);
    }

    private Optional<String> findPicked(Participant p, PickKind kind, String raw) {
        if (kind == null) {
            throw new Refusal(ErrorCode.INVALID_VALUE, "kind must be MOST or LEAST");
        }
        String wanted = fold(TextRules.required(raw, "term", 200));
        return p.picks(kind).stream().filter(t -> fold(t).equals(wanted)).findFirst();
    }

    private void requirePickingOpen() {
        if (picksLocked) {
            throw new Refusal(ErrorCode.PICKING_LOCKED, "the facilitator has closed picking");
        }
    }

    private static void requireFacilitator(Actor actor) {
        if (!(actor instanceof Actor.Facilitator)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "only the facilitator can do this");
        }
    }

    private Participant participantOf(Actor actor) {
        if (actor instanceof Actor.Participant who) {
            Participant p = participants.get(who.participantId());
            if (p == null) {
                throw new Refusal(ErrorCode.WRONG_SECRET, "unknown participant");
            }
            return p;
        }
        throw new Refusal(ErrorCode.FORBIDDEN, "only participants pick words");
    }

    private static String fold(String word) {
        return word.toLowerCase(Locale.ROOT);
    }

    // ---- apply --------------------------------------------------------------------------------

    public void apply(SessionEvent event) {
        if (event instanceof ParticipantJoined joined) {
            Participant p = new Participant(joined.participantId(), joined.secretHash(), joined.name(),
                    joined.group(), joined.role(), joined.at());
            participants.put(p.id(), p);
            participantsBySecret.put(p.secretHash(), p);
            attendance = null;
        } else if (event instanceof PickAdded added) {
            Participant p = participants.get(added.participantId());
            if (added.own()) {
                knownWords.putIfAbsent(fold(added.term()), added.term());
                ownWords.put(fold(added.term()), Boolean.TRUE);
                tally.ownWord(knownWords.get(fold(added.term())));
            }
            if (p.addPick(added.kind(), added.term())) {
                tally.added(p, added.kind(), added.term());
            }
        } else if (event instanceof PickRemoved removed) {
            Participant p = participants.get(removed.participantId());
            if (p.removePick(removed.kind(), removed.term())) {
                tally.removed(p, removed.kind(), removed.term());
            }
        } else if (event instanceof SessionEvent.JoiningLocked locked) {
            joiningLocked = locked.locked();
        } else if (event instanceof SessionEvent.CapacitySet cap) {
            capacity = cap.capacity();
        } else if (event instanceof SessionEvent.ParticipantRemoved removed) {
            Participant gone = participants.remove(removed.participantId());
            if (gone != null) {
                tally.left(gone);
                participantsBySecret.remove(gone.secretHash());
                removedSecrets.add(gone.secretHash());
                dialogue.removeParticipant(gone.id());
                attendance = null;
            }
        } else if (event instanceof PickingLocked locked) {
            picksLocked = locked.locked();
        } else if (event instanceof ResultsModeChanged changed) {
            resultsMode = changed.mode();
        } else if (event instanceof ResultsRevealed shown) {
            revealed = shown.revealed();
        } else if (event instanceof SessionCreated) {
            throw new IllegalStateException("session " + id + " was already created");
        } else if (!dialogue.apply(event) && !minutes.apply(event)) {
            throw new IllegalStateException("unknown event " + event.getClass().getSimpleName());
        }
        version++;
    }

    // ---- reading ------------------------------------------------------------------------------

    public Optional<Participant> participantBySecretHash(String secretHash) {
        return Optional.ofNullable(participantsBySecret.get(secretHash));
    }

    public boolean isFacilitatorSecretHash(String secretHash) {
        return Secrets.constantTimeEquals(facilitatorSecretHash, secretHash);
    }

    public String id() {
        return id;
    }

    public String joinCode() {
        return joinCode;
    }

    public String title() {
        return title;
    }

    public String language() {
        return language;
    }

    public SessionTemplate template() {
        return template;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Collection<Participant> participants() {
        return Collections.unmodifiableCollection(participants.values());
    }

    public Optional<Participant> participant(String participantId) {
        return Optional.ofNullable(participants.get(participantId));
    }

    /** The word-cloud results now, kept up to date pick by pick. */
    public PickResults results() {
        return tally.results();
    }

    /** Own words in the order they were first written. */
    public List<String> ownWords() {
        return ownWords.keySet().stream().map(knownWords::get).toList();
    }

    public boolean picksLocked() {
        return picksLocked;
    }

    public boolean joiningLocked() {
        return joiningLocked;
    }

    /** The most participants the session takes, or null. */
    public Integer capacity() {
        return capacity;
    }

    public ResultsMode resultsMode() {
        return resultsMode;
    }

    public boolean revealed() {
        return revealed;
    }

    /** Results are for the room (participants, projector) only when live, or once revealed. */
    public boolean resultsVisibleToRoom() {
        return resultsMode == ResultsMode.LIVE || revealed;
    }

    /** Number of events applied: every accepted change raises it, so screens can drop stale frames. */
    public long version() {
        return version;
    }

    /**
     * Who is in the room; kept until someone joins or leaves. Counting everyone again at every version cost a busy
     * room's writer a pass over all participants ten times a second, for every pick.
     */
    public Attendance attendance() {
        if (attendance == null) {
            attendance = Attendance.of(this);
        }
        return attendance;
    }

    private Attendance attendance;

    public String phase() {
        return dialogue.phase();
    }

    public List<nl.waterline.subgroups.Subgroup> subgroups() {
        return dialogue.subgroups();
    }

    public Optional<nl.waterline.subgroups.Subgroup> subgroupOf(String participantId) {
        return dialogue.subgroupOf(participantId);
    }

    /** The members of a subgroup with their group and role, as the mixing rule sees them. */
    public List<nl.waterline.subgroups.SubgroupMember> membersOf(nl.waterline.subgroups.Subgroup subgroup) {
        return dialogue.members(subgroup);
    }

    public int turnSeconds() {
        return dialogue.turnSeconds();
    }

    public List<nl.waterline.rounds.Turn> turns() {
        return dialogue.turns();
    }

    public List<nl.waterline.rounds.Question> questions() {
        return dialogue.questions();
    }

    public List<nl.waterline.rounds.DiscussionNote> discussion() {
        return dialogue.discussion();
    }

    public List<nl.waterline.rounds.HarvestEntry> harvest() {
        return dialogue.harvest();
    }

    public List<nl.waterline.notes.Note> notes() {
        return dialogue.notes();
    }

    public List<nl.waterline.notes.Issue> issues() {
        return dialogue.issues();
    }

    public String issueIntro(String issueId) {
        return minutes.intro(issueId);
    }

    public List<nl.waterline.notes.Perspective> perspectives() {
        return minutes.perspectives();
    }

    /** Whether the minutes merge roles with fewer than three people into their group (privacy). */
    public boolean mergeSmallRoles() {
        return minutes.mergeSmallRoles();
    }

    /** The series (traject) this session belongs to, or null. */
    public String series() {
        return minutes.series();
    }

    public boolean isNoteTakerSecretHash(String secretHash) {
        return dialogue.isNoteTakerHash(secretHash);
    }

    /** A canonical description of the whole state, for proving a rebuilt session equals the live one. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(id).append('|').append(joinCode).append('|').append(title).append('|').append(language).append('|')
                .append(template).append('|').append(facilitatorSecretHash).append('|').append(createdAt).append('|')
                .append(picksLocked).append('|').append(joiningLocked).append('|').append(capacity).append('|').append(resultsMode).append('|').append(revealed).append('|')
                .append(version).append('|').append(ownWords()).append('\n');
        participants.values().forEach(p -> sb.append(p.describe()).append('\n'));
        sb.append(dialogue.describe()).append(minutes.describe());
        return sb.toString();
    }
}
