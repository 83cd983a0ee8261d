package nl.waterline.session;

import nl.waterline.notes.Issue;
import nl.waterline.notes.Note;
import nl.waterline.rounds.DiscussionNote;
import nl.waterline.rounds.HarvestEntry;
import nl.waterline.rounds.Question;
import nl.waterline.rounds.QuestionStatus;
import nl.waterline.rounds.Turn;
import nl.waterline.session.SessionCommand.AddDiscussionNote;
import nl.waterline.session.SessionCommand.AddHarvest;
import nl.waterline.session.SessionCommand.AddIssue;
import nl.waterline.session.SessionCommand.AddNote;
import nl.waterline.session.SessionCommand.AddNoteTaker;
import nl.waterline.session.SessionCommand.Ask;
import nl.waterline.session.SessionCommand.FormSubgroups;
import nl.waterline.session.SessionCommand.MarkAnswered;
import nl.waterline.session.SessionCommand.MoveParticipant;
import nl.waterline.session.SessionCommand.NextSpeaker;
import nl.waterline.session.SessionCommand.Park;
import nl.waterline.session.SessionCommand.RenameIssue;
import nl.waterline.session.SessionCommand.SetHost;
import nl.waterline.session.SessionCommand.SetPhase;
import nl.waterline.session.SessionCommand.SetTurnOrder;
import nl.waterline.session.SessionCommand.SetTurnSeconds;
import nl.waterline.session.SessionEvent.DiscussionNoteAdded;
import nl.waterline.session.SessionEvent.FormedSubgroup;
import nl.waterline.session.SessionEvent.HarvestAdded;
import nl.waterline.session.SessionEvent.HostSet;
import nl.waterline.session.SessionEvent.IssueAdded;
import nl.waterline.session.SessionEvent.IssueRenamed;
import nl.waterline.session.SessionEvent.NoteAdded;
import nl.waterline.session.SessionEvent.NoteTakerAdded;
import nl.waterline.session.SessionEvent.ParticipantPlaced;
import nl.waterline.session.SessionEvent.PhaseChanged;
import nl.waterline.session.SessionEvent.QuestionAnswered;
import nl.waterline.session.SessionEvent.QuestionAsked;
import nl.waterline.session.SessionEvent.QuestionParked;
import nl.waterline.session.SessionEvent.RoundFinished;
import nl.waterline.session.SessionEvent.SubgroupsFormed;
import nl.waterline.session.SessionEvent.TurnOrderSet;
import nl.waterline.session.SessionEvent.TurnSecondsSet;
import nl.waterline.session.SessionEvent.TurnStarted;
import nl.waterline.subgroups.SpeakingOrder;
import nl.waterline.subgroups.Subgroup;
import nl.waterline.subgroups.SubgroupColours;
import nl.waterline.subgroups.SubgroupMember;
import nl.waterline.subgroups.SubgroupMixer;
import nl.waterline.template.Phase;
import nl.waterline.template.StakeholderGroup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The dialogue part of a session: phases, mixed subgroups, the perspective round (clarifying questions
 * only), the discussion of differences, the harvest per stakeholder group and the notes for the
 * minutes. Every rule of the method is enforced here, on the server, not only hidden in a UI.
 * Same contract as {@link Session}: decide without changing anything, then apply events.
 */
final class Dialogue {

    static final int MAX_QUESTION = 300;
    static final int MAX_DISCUSSION = 500;
    static final int MAX_HARVEST = 500;
    static final int MAX_NOTE = 1000;
    static final int MAX_ISSUE_TITLE = 120;
    static final int MAX_TURN_SECONDS = 3600;

    private final Session session;
    private String phase;
    private final Map<String, Subgroup> subgroups = new LinkedHashMap<>();
    private final Map<String, String> subgroupOf = new java.util.HashMap<>();
    private int subgroupsEverFormed;
    private int turnSeconds;
    private final List<Turn> turns = new ArrayList<>();
    private final Map<String, Question> questions = new LinkedHashMap<>();
    private final List<DiscussionNote> discussion = new ArrayList<>();
    private final List<HarvestEntry> harvest = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private final Set<String> noteTakerHashes = new HashSet<>();

    Dialogue(Session session) {
        this.session = session;
        this.phase = session.template().phases().get(0);
        session.template().issues().forEach(i -> issues.put(i.id(), new Issue(i.id(), i.title().in(session.language()))));
    }

    // ---- decide -------------------------------------------------------------------------------

    List<SessionEvent> decide(Actor actor, SessionCommand command) {
        if (command instanceof SetPhase c) {
            requireFacilitator(actor);
            if (!session.template().phases().contains(c.phase())) {
                throw new Refusal(ErrorCode.INVALID_VALUE, "phase must be one of " + session.template().phases());
            }
            return c.phase().equals(phase) ? List.of() : List.of(new PhaseChanged(c.phase()));
        }
        if (command instanceof FormSubgroups c) {
            requireFacilitator(actor);
            return List.of(form(c));
        }
        if (command instanceof MoveParticipant c) {
            requireFacilitator(actor);
            Subgroup target = subgroup(c.subgroup());
            Participant p = session.participant(c.participantId()).orElseThrow(() ->
                    new Refusal(ErrorCode.UNKNOWN_PARTICIPANT, "no participant '" + c.participantId() + "'"));
            return target.contains(p.id()) ? List.of() : List.of(new ParticipantPlaced(p.id(), target.id()));
        }
        if (command instanceof SetHost c) {
            requireFacilitator(actor);
            Subgroup sg = subgroup(c.subgroup());
            if (c.participantId() != null && !sg.contains(c.participantId())) {
                throw new Refusal(ErrorCode.NOT_IN_SUBGROUP, "the host must be a member of subgroup " + sg.label());
            }
            return java.util.Objects.equals(sg.host(), c.participantId()) ? List.of() : List.of(new HostSet(sg.id(), c.participantId()));
        }
        if (command instanceof SetTurnOrder c) {
            requireFacilitator(actor);
            Subgroup sg = subgroup(c.subgroup());
            if (c.order() == null || c.order().size() != sg.members().size()
                    || !new HashSet<>(c.order()).equals(new HashSet<>(sg.members()))) {
                throw new Refusal(ErrorCode.INVALID_VALUE, "order must name every member of subgroup " + sg.label() + " once");
            }
            return List.of(new TurnOrderSet(sg.id(), c.order()));
        }
        if (command instanceof SetTurnSeconds c) {
            requireFacilitator(actor);
            if (c.seconds() < 0 || c.seconds() > MAX_TURN_SECONDS) {
                throw new Refusal(ErrorCode.INVALID_VALUE, "seconds must be between 0 and " + MAX_TURN_SECONDS);
            }
            return c.seconds() == turnSeconds ? List.of() : List.of(new TurnSecondsSet(c.seconds()));
        }
        if (command instanceof NextSpeaker c) {
            return nextSpeaker(actor, c);
        }
        if (command instanceof Ask c) {
            return ask(actor, c);
        }
        if (command instanceof MarkAnswered c) {
            requirePhase(Phase.PERSPECTIVE_ROUND);
            Question q = question(c.questionId());
            if (!(actor instanceof Actor.Participant who) || !who.participantId().equals(q.speakerId())) {
                throw new Refusal(ErrorCode.NOT_THE_SPEAKER, "only the speaker the question was for can mark it answered");
            }
            return q.status() == QuestionStatus.OPEN ? List.of(new QuestionAnswered(q.id())) : List.of();
        }
        if (command instanceof Park c) {
            requirePhase(Phase.PERSPECTIVE_ROUND, Phase.DISCUSSION);
            Question q = question(c.questionId());
            boolean host = actor instanceof Actor.Participant who && who.participantId().equals(subgroups.containsKey(q.subgroup())
                    ? subgroups.get(q.subgroup()).host() : null);
            if (!(actor instanceof Actor.Facilitator) && !host) {
                throw new Refusal(ErrorCode.FORBIDDEN, "only the facilitator or the subgroup's host can park a question");
            }
            return q.status() == QuestionStatus.PARKED ? List.of() : List.of(new QuestionParked(q.id()));
        }
        if (command instanceof AddDiscussionNote c) {
            return addDiscussionNote(actor, c);
        }
        if (command instanceof AddHarvest c) {
            return addHarvest(actor, c);
        }
        if (command instanceof AddNote c) {
            requireNoteWriter(actor);
            if (c.kind() == null) {
                throw new Refusal(ErrorCode.INVALID_VALUE, "kind must be PERSPECTIVE or QUOTE");
            }
            String text = TextRules.required(c.text(), "text", MAX_NOTE);
            StakeholderGroup group = group(c.group());
            String role = c.role() == null || c.role().isBlank() ? null : group.role(c.role()).orElseThrow(() ->
                    new Refusal(ErrorCode.UNKNOWN_ROLE, "role '" + c.role() + "' is not a role of " + group.id())).id();
            if (c.issue() != null && !issues.containsKey(c.issue())) {
                throw new Refusal(ErrorCode.UNKNOWN_ISSUE, "no issue '" + c.issue() + "'");
            }
            return List.of(new NoteAdded(c.noteId(), c.kind(), text, group.id(), role, c.waterline(), c.issue(), c.at()));
        }
        if (command instanceof AddIssue c) {
            requireNoteWriter(actor);
            return List.of(new IssueAdded(c.issueId(), TextRules.required(c.title(), "title", MAX_ISSUE_TITLE)));
        }
        if (command instanceof RenameIssue c) {
            requireNoteWriter(actor);
            Issue issue = Optional.ofNullable(c.issueId()).map(issues::get).orElseThrow(() ->
                    new Refusal(ErrorCode.UNKNOWN_ISSUE, "no issue '" + c.issueId() + "'"));
            String title = TextRules.required(c.title(), "title", MAX_ISSUE_TITLE);
            return title.equals(issue.title()) ? List.of() : List.of(new IssueRenamed(issue.id(), title));
        }
        if (command instanceof AddNoteTaker c) {
            requireFacilitator(actor);
            return List.of(new NoteTakerAdded(c.secretHash()));
        }
        throw new Refusal(ErrorCode.UNKNOWN_MESSAGE_TYPE, "unknown command");
    }

    private SubgroupsFormed form(FormSubgroups c) {
        List<SubgroupMember> present = new ArrayList<>();
        session.participants().forEach(p -> present.add(new SubgroupMember(p.id(), p.group(), p.role())));
        if (present.isEmpty()) {
            throw new Refusal(ErrorCode.INVALID_VALUE, "nobody has joined yet");
        }
        if ((c.size() == null) == (c.count() == null)) {
            throw new Refusal(ErrorCode.INVALID_VALUE, "give either a subgroup size or a number of subgroups");
        }
        int count;
        if (c.size() != null) {
            if (c.size() < 1) {
                throw new Refusal(ErrorCode.INVALID_VALUE, "size must be at least 1");
            }
            count = SubgroupMixer.subgroupCountForSize(present.size(), c.size());
        } else {
            count = c.count();
        }
        if (count < 1 || count > present.size()) {
            throw new Refusal(ErrorCode.INVALID_VALUE, "the number of subgroups must be between 1 and " + present.size());
        }
        // Shuffling first varies who meets whom between re-formings; the mixing rule itself is deterministic.
        Collections.shuffle(present, new Random(c.seed()));
        List<List<SubgroupMember>> mixed = SubgroupMixer.form(present, count);
        List<FormedSubgroup> formed = new ArrayList<>();
        for (int i = 0; i < mixed.size(); i++) {
            List<SubgroupMember> members = mixed.get(i);
            formed.add(new FormedSubgroup("g" + (subgroupsEverFormed + i + 1), SubgroupColours.label(i),
                    SubgroupColours.colour(i), members.stream().map(SubgroupMember::participantId).toList(),
                    SpeakingOrder.alternating(members)));
        }
        return new SubgroupsFormed(formed);
    }

    /** Where a newcomer sits when subgroups already exist: where they add most diversity. */
    Optional<ParticipantPlaced> placeLateJoiner(String participantId, String group, String role) {
        if (subgroups.isEmpty()) {
            return Optional.empty();
        }
        List<Subgroup> current = new ArrayList<>(subgroups.values());
        List<List<SubgroupMember>> asMembers = current.stream().map(this::members).toList();
        int index = SubgroupMixer.placeLateJoiner(asMembers, new SubgroupMember(participantId, group, role));
        return Optional.of(new ParticipantPlaced(participantId, current.get(index).id()));
    }

    List<SubgroupMember> members(Subgroup sg) {
        List<SubgroupMember> list = new ArrayList<>();
        for (String id : sg.members()) {
            session.participant(id).ifPresent(p -> list.add(new SubgroupMember(p.id(), p.group(), p.role())));
        }
        return list;
    }

    private List<SessionEvent> nextSpeaker(Actor actor, NextSpeaker c) {
        requirePhase(Phase.PERSPECTIVE_ROUND);
        Subgroup sg;
        if (actor instanceof Actor.Facilitator) {
            sg = subgroup(c.subgroup());
        } else if (actor instanceof Actor.Participant who) {
            sg = subgroupOfParticipant(who.participantId());
            if (!who.participantId().equals(sg.host()) && !who.participantId().equals(sg.speaker())) {
                throw new Refusal(ErrorCode.FORBIDDEN, "only the host or the current speaker can hand over to the next speaker");
            }
        } else {
            throw new Refusal(ErrorCode.FORBIDDEN, "only the facilitator, the host or the speaker can do this");
        }
        if (sg.finished()) {
            throw new Refusal(ErrorCode.ROUND_FINISHED, "everyone in subgroup " + sg.label() + " has had their turn");
        }
        return sg.nextSpeaker()
                .<List<SessionEvent>>map(next -> List.of(new TurnStarted(sg.id(), next, c.at())))
                .orElseGet(() -> List.of(new RoundFinished(sg.id(), c.at())));
    }

    private List<SessionEvent> ask(Actor actor, Ask c) {
        requirePhase(Phase.PERSPECTIVE_ROUND);
        if (!(actor instanceof Actor.Participant who)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "clarifying questions come from the listeners in a subgroup");
        }
        Subgroup sg = subgroupOfParticipant(who.participantId());
        if (sg.finished()) {
            throw new Refusal(ErrorCode.ROUND_FINISHED, "the round of subgroup " + sg.label() + " is finished");
        }
        if (sg.speaker() == null) {
            throw new Refusal(ErrorCode.NO_SPEAKER, "nobody is speaking yet; wait for the first speaker");
        }
        if (sg.speaker().equals(who.participantId())) {
            throw new Refusal(ErrorCode.SPEAKER_CANNOT_ASK, "you are the speaker: explain your perspective; the others ask");
        }
        String text = TextRules.required(c.text(), "question", MAX_QUESTION);
        if (!isQuestion(text)) {
            throw new Refusal(ErrorCode.NOT_A_QUESTION, "in this round you can only ask the speaker a clarifying "
                    + "question (ending with ?); keep your own view for the discussion round");
        }
        return List.of(new QuestionAsked(c.questionId(), sg.id(), who.participantId(), sg.speaker(), text, c.at()));
    }

    static boolean isQuestion(String text) {
        String t = text.strip();
        while (!t.isEmpty() && "\"'”’)]»".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t.endsWith("?") || t.endsWith("？");
    }

    private List<SessionEvent> addDiscussionNote(Actor actor, AddDiscussionNote c) {
        requirePhase(Phase.DISCUSSION);
        Subgroup sg;
        if (actor instanceof Actor.Participant who) {
            sg = subgroupOfParticipant(who.participantId());
            if (c.subgroup() != null && !c.subgroup().equals(sg.id())) {
                throw new Refusal(ErrorCode.FORBIDDEN, "you can only add notes to your own subgroup");
            }
        } else if (actor instanceof Actor.Facilitator || actor instanceof Actor.NoteTaker) {
            sg = subgroup(c.subgroup());
        } else {
            throw new Refusal(ErrorCode.FORBIDDEN, "the projector only watches");
        }
        if (c.kind() == null) {
            throw new Refusal(ErrorCode.INVALID_VALUE, "kind must be DIFFERENCE or SIMILARITY");
        }
        String text = TextRules.required(c.text(), "text", MAX_DISCUSSION);
        Set<String> groups = new LinkedHashSet<>();
        for (String g : c.groups() == null ? List.<String>of() : c.groups()) {
            groups.add(group(g).id());
        }
        if (c.parkedQuestion() != null) {
            Question q = question(c.parkedQuestion());
            if (q.status() != QuestionStatus.PARKED) {
                throw new Refusal(ErrorCode.UNKNOWN_QUESTION, "that question was not parked");
            }
        }
        return List.of(new DiscussionNoteAdded(c.noteId(), sg.id(), c.kind(), text, List.copyOf(groups), c.parkedQuestion()));
    }

    private List<SessionEvent> addHarvest(Actor actor, AddHarvest c) {
        requirePhase(Phase.HARVEST);
        String groupId;
        if (actor instanceof Actor.Participant who) {
            Participant p = session.participant(who.participantId()).orElseThrow();
            if (c.group() != null && !c.group().equals(p.group())) {
                throw new Refusal(ErrorCode.FORBIDDEN, "you write the harvest of your own stakeholder group only");
            }
            groupId = p.group();
        } else if (actor instanceof Actor.Facilitator || actor instanceof Actor.NoteTaker) {
            groupId = group(c.group()).id();
        } else {
            throw new Refusal(ErrorCode.FORBIDDEN, "the projector only watches");
        }
        if (c.kind() == null) {
            throw new Refusal(ErrorCode.INVALID_VALUE, "kind must be HEARD or CONTINUE");
        }
        return List.of(new HarvestAdded(c.entryId(), groupId, c.kind(), TextRules.required(c.text(), "text", MAX_HARVEST)));
    }

    private void requirePhase(Phase... allowed) {
        for (Phase p : allowed) {
            if (p.id().equals(phase)) {
                return;
            }
        }
        throw new Refusal(ErrorCode.WRONG_PHASE, "this is not possible in the phase '" + phase + "'");
    }

    void requirePickingPhase() {
        requirePhase(Phase.JOIN, Phase.PICKS, Phase.RESULTS);
    }

    private static void requireFacilitator(Actor actor) {
        if (!(actor instanceof Actor.Facilitator)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "only the facilitator can do this");
        }
    }

    private static void requireNoteWriter(Actor actor) {
        if (!(actor instanceof Actor.Facilitator) && !(actor instanceof Actor.NoteTaker)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "only the facilitator or a note-taker can do this");
        }
    }

    private Subgroup subgroup(String id) {
        if (subgroups.isEmpty()) {
            throw new Refusal(ErrorCode.NO_SUBGROUPS, "no subgroups have been formed yet");
        }
        Subgroup sg = id == null ? null : subgroups.get(id);
        if (sg == null) {
            throw new Refusal(ErrorCode.UNKNOWN_SUBGROUP, "no subgroup '" + id + "'");
        }
        return sg;
    }

    private Subgroup subgroupOfParticipant(String participantId) {
        String id = subgroupOf.get(participantId);
        if (id == null) {
            throw new Refusal(ErrorCode.NOT_IN_SUBGROUP, "you are not in a subgroup yet");
        }
        return subgroups.get(id);
    }

    private Question question(String id) {
        Question q = id == null ? null : questions.get(id);
        if (q == null) {
            throw new Refusal(ErrorCode.UNKNOWN_QUESTION, "no question '" + id + "'");
        }
        return q;
    }

    private StakeholderGroup group(String id) {
        String groupId = TextRules.required(id, "group", 60);
        return session.template().group(groupId).orElseThrow(() ->
                new Refusal(ErrorCode.UNKNOWN_GROUP, "stakeholder group '" + groupId + "' is not part of this session"));
    }

    // ---- apply --------------------------------------------------------------------------------

    /** @return true when the event was a dialogue event */
    boolean apply(SessionEvent event) {
        if (event instanceof PhaseChanged e) {
            phase = e.phase();
        } else if (event instanceof SubgroupsFormed e) {
            subgroups.clear();
            subgroupOf.clear();
            for (FormedSubgroup f : e.subgroups()) {
                subgroups.put(f.id(), new Subgroup(f.id(), f.label(), f.colour(), f.members(), f.order()));
                f.members().forEach(m -> subgroupOf.put(m, f.id()));
            }
            subgroupsEverFormed += e.subgroups().size();
        } else if (event instanceof ParticipantPlaced e) {
            String from = subgroupOf.put(e.participantId(), e.subgroup());
            if (from != null && subgroups.containsKey(from)) {
                subgroups.get(from).removeMember(e.participantId());
            }
            subgroups.get(e.subgroup()).addMember(e.participantId());
        } else if (event instanceof HostSet e) {
            subgroups.get(e.subgroup()).setHost(e.participantId());
        } else if (event instanceof TurnOrderSet e) {
            subgroups.get(e.subgroup()).setOrder(e.order());
        } else if (event instanceof TurnSecondsSet e) {
            turnSeconds = e.seconds();
        } else if (event instanceof TurnStarted e) {
            endCurrentTurn(e.subgroup(), e.at());
            subgroups.get(e.subgroup()).startTurn(e.speaker());
            turns.add(new nl.waterline.rounds.Turn(e.subgroup(), e.speaker(), e.at(), null));
        } else if (event instanceof RoundFinished e) {
            endCurrentTurn(e.subgroup(), e.at());
            subgroups.get(e.subgroup()).finish();
        } else if (event instanceof QuestionAsked e) {
            questions.put(e.questionId(), new Question(e.questionId(), e.subgroup(), e.askerId(), e.speakerId(), e.text(),
                    e.at(), QuestionStatus.OPEN, false));
        } else if (event instanceof QuestionAnswered e) {
            questions.computeIfPresent(e.questionId(), (k, q) -> q.withStatus(QuestionStatus.ANSWERED));
        } else if (event instanceof QuestionParked e) {
            questions.computeIfPresent(e.questionId(), (k, q) -> q.withStatus(QuestionStatus.PARKED));
        } else if (event instanceof DiscussionNoteAdded e) {
            discussion.add(new DiscussionNote(e.noteId(), e.subgroup(), e.kind(), e.text(), e.groups(), e.parkedQuestion()));
            if (e.parkedQuestion() != null) {
                questions.computeIfPresent(e.parkedQuestion(), (k, q) -> q.pickedUpInDiscussion());
            }
        } else if (event instanceof HarvestAdded e) {
            harvest.add(new HarvestEntry(e.entryId(), e.group(), e.kind(), e.text()));
        } else if (event instanceof NoteAdded e) {
            notes.add(new Note(e.noteId(), e.kind(), e.text(), e.group(), e.role(), e.waterline(), e.issue(), e.at()));
        } else if (event instanceof IssueAdded e) {
            issues.put(e.issueId(), new Issue(e.issueId(), e.title()));
        } else if (event instanceof IssueRenamed e) {
            issues.put(e.issueId(), new Issue(e.issueId(), e.title()));
        } else if (event instanceof NoteTakerAdded e) {
            noteTakerHashes.add(e.secretHash());
        } else {
            return false;
        }
        return true;
    }

    private void endCurrentTurn(String subgroup, Instant at) {
        for (int i = turns.size() - 1; i >= 0; i--) {
            Turn t = turns.get(i);
            if (t.subgroup().equals(subgroup) && t.endedAt() == null) {
                turns.set(i, new Turn(t.subgroup(), t.speakerId(), t.startedAt(), at));
                return;
            }
        }
    }

    void removeParticipant(String participantId) {
        String subgroup = subgroupOf.remove(participantId);
        if (subgroup != null && subgroups.containsKey(subgroup)) {
            subgroups.get(subgroup).removeMember(participantId);
        }
    }

    // ---- used by the minutes editor -----------------------------------------------------------

    boolean hasIssue(String issueId) {
        return issueId != null && issues.containsKey(issueId);
    }

    Optional<Note> note(String noteId) {
        return notes.stream().filter(n -> n.id().equals(noteId)).findFirst();
    }

    void assignNote(String noteId, String issueId) {
        notes.replaceAll(n -> n.id().equals(noteId)
                ? new Note(n.id(), n.kind(), n.text(), n.group(), n.role(), n.waterline(), issueId, n.at()) : n);
    }

    void moveIssue(String issueId, int position) {
        List<Issue> ordered = new ArrayList<>(issues.values());
        Issue moving = issues.get(issueId);
        ordered.remove(moving);
        ordered.add(Math.max(0, Math.min(position, ordered.size())), moving);
        issues.clear();
        ordered.forEach(i -> issues.put(i.id(), i));
    }

    /** The notes of {@code from} go to {@code into}, and {@code from} disappears. */
    void mergeIssues(String from, String into) {
        notes.replaceAll(n -> from.equals(n.issue())
                ? new Note(n.id(), n.kind(), n.text(), n.group(), n.role(), n.waterline(), into, n.at()) : n);
        issues.remove(from);
    }

    // ---- reading ------------------------------------------------------------------------------

    String phase() {
        return phase;
    }

    List<Subgroup> subgroups() {
        return List.copyOf(subgroups.values());
    }

    Optional<Subgroup> subgroupOf(String participantId) {
        return Optional.ofNullable(subgroupOf.get(participantId)).map(subgroups::get);
    }

    int turnSeconds() {
        return turnSeconds;
    }

    List<Turn> turns() {
        return Collections.unmodifiableList(turns);
    }

    List<Question> questions() {
        return List.copyOf(questions.values());
    }

    List<DiscussionNote> discussion() {
        return Collections.unmodifiableList(discussion);
    }

    List<HarvestEntry> harvest() {
        return Collections.unmodifiableList(harvest);
    }

    List<Note> notes() {
        return Collections.unmodifiableList(notes);
    }

    List<Issue> issues() {
        return List.copyOf(issues.values());
    }

    boolean isNoteTakerHash(String hash) {
        return noteTakerHashes.contains(hash);
    }

    String describe() {
        StringBuilder sb = new StringBuilder("phase=").append(phase).append(" turnSeconds=").append(turnSeconds)
                .append(" formed=").append(subgroupsEverFormed).append('\n');
        subgroups.values().forEach(s -> sb.append(s.describe()).append('\n'));
        sb.append(subgroupOf).append('\n').append(turns).append('\n').append(questions.values()).append('\n')
                .append(discussion).append('\n').append(harvest).append('\n').append(notes).append('\n')
                .append(issues.values()).append('\n').append(new java.util.TreeSet<>(noteTakerHashes)).append('\n');
        return sb.toString();
    }
}
