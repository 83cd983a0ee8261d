package nl.waterline.session;

import nl.waterline.notes.Note;
import nl.waterline.notes.NoteKind;
import nl.waterline.notes.Perspective;
import nl.waterline.session.SessionCommand.AddPerspective;
import nl.waterline.session.SessionCommand.AssignNote;
import nl.waterline.session.SessionCommand.AttachQuote;
import nl.waterline.session.SessionCommand.DetachQuote;
import nl.waterline.session.SessionCommand.EditPerspective;
import nl.waterline.session.SessionCommand.MergeIssues;
import nl.waterline.session.SessionCommand.MoveIssue;
import nl.waterline.session.SessionCommand.RemovePerspective;
import nl.waterline.session.SessionCommand.SetIssueIntro;
import nl.waterline.session.SessionCommand.SetSeries;
import nl.waterline.session.SessionEvent.IssueIntroSet;
import nl.waterline.session.SessionEvent.IssueMoved;
import nl.waterline.session.SessionEvent.IssuesMerged;
import nl.waterline.session.SessionEvent.NoteAssigned;
import nl.waterline.session.SessionEvent.PerspectiveAdded;
import nl.waterline.session.SessionEvent.PerspectiveEdited;
import nl.waterline.session.SessionEvent.PerspectiveRemoved;
import nl.waterline.session.SessionEvent.QuoteAttached;
import nl.waterline.session.SessionEvent.QuoteDetached;
import nl.waterline.session.SessionEvent.SeriesSet;
import nl.waterline.template.StakeholderGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The facilitator's work on the minutes: introductions per issue, perspective statements per issue and
 * stakeholder group with their supporting quotes, the order and merging of issues. Only the facilitator
 * edits; every edit is an event like any other, so it is stored before it is acknowledged.
 */
final class MinutesEditor {

    // Fits one WebSocket frame (8 KB) even when every character takes two bytes.
    static final int MAX_INTRO = 3000;
    static final int MAX_PERSPECTIVE = 1000;
    static final int MAX_SERIES = 120;

    private final Session session;
    private final Dialogue dialogue;
    private final Map<String, String> intros = new HashMap<>();
    private final Map<String, Perspective> perspectives = new LinkedHashMap<>();
    private String series;
    /** On by default: with one or two people in a role, naming the role names the person. */
    private boolean mergeSmallRoles = true;

    MinutesEditor(Session session, Dialogue dialogue) {
        this.session = session;
        this.dialogue = dialogue;
    }

    /** @return the events, or empty when the command is not a minutes command */
    Optional<List<SessionEvent>> decide(Actor actor, SessionCommand command) {
        if (!(command instanceof SetIssueIntro || command instanceof MoveIssue || command instanceof MergeIssues
                || command instanceof AssignNote || command instanceof AddPerspective || command instanceof EditPerspective
                || command instanceof RemovePerspective || command instanceof AttachQuote || command instanceof DetachQuote
                || command instanceof SetSeries || command instanceof SessionCommand.SetMinutesPrivacy)) {
            return Optional.empty();
        }
        if (!(actor instanceof Actor.Facilitator)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "only the facilitator edits the minutes");
        }
        return Optional.of(decideEdit(command));
    }

    private List<SessionEvent> decideEdit(SessionCommand command) {
        if (command instanceof SetIssueIntro c) {
            requireIssue(c.issueId());
            String text = TextRules.cleanMultiline(c.text(), "introduction", MAX_INTRO);
            return text.equals(intros.getOrDefault(c.issueId(), "")) ? List.of() : List.of(new IssueIntroSet(c.issueId(), text));
        }
        if (command instanceof MoveIssue c) {
            requireIssue(c.issueId());
            int count = session.issues().size();
            if (c.position() < 0 || c.position() >= count) {
                throw new Refusal(ErrorCode.INVALID_VALUE, "position must be between 0 and " + (count - 1));
            }
            return List.of(new IssueMoved(c.issueId(), c.position()));
        }
        if (command instanceof MergeIssues c) {
            requireIssue(c.fromIssue());
            requireIssue(c.intoIssue());
            if (c.fromIssue().equals(c.intoIssue())) {
                throw new Refusal(ErrorCode.INVALID_VALUE, "an issue cannot be merged into itself");
            }
            return List.of(new IssuesMerged(c.fromIssue(), c.intoIssue()));
        }
        if (command instanceof AssignNote c) {
            Note note = note(c.noteId());
            if (c.issueId() != null) {
                requireIssue(c.issueId());
            }
            return Objects.equals(note.issue(), c.issueId()) ? List.of() : List.of(new NoteAssigned(note.id(), c.issueId()));
        }
        if (command instanceof AddPerspective c) {
            requireIssue(c.issueId());
            StakeholderGroup group = session.template().group(TextRules.required(c.group(), "group", 60)).orElseThrow(() ->
                    new Refusal(ErrorCode.UNKNOWN_GROUP, "stakeholder group '" + c.group() + "' is not part of this session"));
            String role = role(group, c.role());
            String text = TextRules.cleanMultiline(c.text(), "perspective", MAX_PERSPECTIVE);
            return List.of(new PerspectiveAdded(c.perspectiveId(), c.issueId(), group.id(), role, text, c.waterline()));
        }
        if (command instanceof EditPerspective c) {
            Perspective p = perspective(c.perspectiveId());
            StakeholderGroup group = session.template().group(p.group()).orElseThrow();
            String role = role(group, c.role());
            String text = TextRules.cleanMultiline(c.text(), "perspective", MAX_PERSPECTIVE);
            if (Objects.equals(role, p.role()) && text.equals(p.text()) && c.waterline() == p.waterline()) {
                return List.of();
            }
            return List.of(new PerspectiveEdited(p.id(), role, text, c.waterline()));
        }
        if (command instanceof RemovePerspective c) {
            return List.of(new PerspectiveRemoved(perspective(c.perspectiveId()).id()));
        }
        if (command instanceof AttachQuote c) {
            Perspective p = perspective(c.perspectiveId());
            Note note = note(c.noteId());
            if (note.kind() != NoteKind.QUOTE || !note.group().equals(p.group())
                    || (p.role() != null && note.role() != null && !note.role().equals(p.role()))) {
                throw new Refusal(ErrorCode.QUOTE_MISMATCH,
                        "only a quote of the same stakeholder group (and role) can support this perspective");
            }
            return p.quotes().contains(note.id()) ? List.of() : List.of(new QuoteAttached(p.id(), note.id()));
        }
        if (command instanceof DetachQuote c) {
            Perspective p = perspective(c.perspectiveId());
            return p.quotes().contains(c.noteId()) ? List.of(new QuoteDetached(p.id(), c.noteId())) : List.of();
        }
        if (command instanceof SessionCommand.SetMinutesPrivacy c) {
            return c.mergeSmallRoles() == mergeSmallRoles ? List.of() : List.of(new SessionEvent.MinutesPrivacySet(c.mergeSmallRoles()));
        }
        SetSeries c = (SetSeries) command;
        String title = TextRules.clean(c.series(), "series", MAX_SERIES);
        String value = title.isEmpty() ? null : title;
        return Objects.equals(value, series) ? List.of() : List.of(new SeriesSet(value));
    }

    private static String role(StakeholderGroup group, String roleId) {
        if (roleId == null || roleId.isBlank()) {
            return null;
        }
        return group.role(roleId).orElseThrow(() ->
                new Refusal(ErrorCode.UNKNOWN_ROLE, "role '" + roleId + "' is not a role of " + group.id())).id();
    }

    private void requireIssue(String issueId) {
        if (!dialogue.hasIssue(issueId)) {
            throw new Refusal(ErrorCode.UNKNOWN_ISSUE, "no issue '" + issueId + "'");
        }
    }

    private Note note(String noteId) {
        return dialogue.note(noteId).orElseThrow(() -> new Refusal(ErrorCode.UNKNOWN_NOTE, "no note '" + noteId + "'"));
    }

    private Perspective perspective(String id) {
        Perspective p = id == null ? null : perspectives.get(id);
        if (p == null) {
            throw new Refusal(ErrorCode.UNKNOWN_PERSPECTIVE, "no perspective '" + id + "'");
        }
        return p;
    }

    /** @return true when the event was a minutes event */
    boolean apply(SessionEvent event) {
        if (event instanceof IssueIntroSet e) {
            intros.put(e.issueId(), e.text());
        } else if (event instanceof IssueMoved e) {
            dialogue.moveIssue(e.issueId(), e.position());
        } else if (event instanceof IssuesMerged e) {
            dialogue.mergeIssues(e.fromIssue(), e.intoIssue());
            perspectives.replaceAll((id, p) -> p.issue().equals(e.fromIssue())
                    ? new Perspective(p.id(), e.intoIssue(), p.group(), p.role(), p.text(), p.waterline(), p.quotes()) : p);
            String fromIntro = intros.remove(e.fromIssue());
            if (fromIntro != null && !fromIntro.isEmpty()) {
                String into = intros.getOrDefault(e.intoIssue(), "");
                intros.put(e.intoIssue(), into.isEmpty() ? fromIntro : into + "\n\n" + fromIntro);
            }
        } else if (event instanceof NoteAssigned e) {
            dialogue.assignNote(e.noteId(), e.issueId());
        } else if (event instanceof PerspectiveAdded e) {
            perspectives.put(e.perspectiveId(), new Perspective(e.perspectiveId(), e.issueId(), e.group(), e.role(), e.text(),
                    e.waterline(), List.of()));
        } else if (event instanceof PerspectiveEdited e) {
            Perspective p = perspectives.get(e.perspectiveId());
            perspectives.put(p.id(), new Perspective(p.id(), p.issue(), p.group(), e.role(), e.text(), e.waterline(), p.quotes()));
        } else if (event instanceof PerspectiveRemoved e) {
            perspectives.remove(e.perspectiveId());
        } else if (event instanceof QuoteAttached e) {
            Perspective p = perspectives.get(e.perspectiveId());
            List<String> quotes = new ArrayList<>(p.quotes());
            quotes.add(e.noteId());
            perspectives.put(p.id(), new Perspective(p.id(), p.issue(), p.group(), p.role(), p.text(), p.waterline(), quotes));
        } else if (event instanceof QuoteDetached e) {
            Perspective p = perspectives.get(e.perspectiveId());
            List<String> quotes = new ArrayList<>(p.quotes());
            quotes.remove(e.noteId());
            perspectives.put(p.id(), new Perspective(p.id(), p.issue(), p.group(), p.role(), p.text(), p.waterline(), quotes));
        } else if (event instanceof SeriesSet e) {
            series = e.series();
        } else if (event instanceof SessionEvent.MinutesPrivacySet e) {
            mergeSmallRoles = e.mergeSmallRoles();
        } else {
            return false;
        }
        return true;
    }

    String intro(String issueId) {
        return intros.getOrDefault(issueId, "");
    }

    List<Perspective> perspectives() {
        return List.copyOf(perspectives.values());
    }

    String series() {
        return series;
    }

    boolean mergeSmallRoles() {
        return mergeSmallRoles;
    }

    String describe() {
        return "intros=" + new java.util.TreeMap<>(intros) + " perspectives=" + perspectives.values() + " series=" + series + " merge=" + mergeSmallRoles + "\n";
    }
}
