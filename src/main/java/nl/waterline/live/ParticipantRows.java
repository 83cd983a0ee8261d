package nl.waterline.live;

import com.fasterxml.jackson.databind.util.RawValue;
import nl.waterline.picks.PickKind;
import nl.waterline.session.Participant;

import nl.waterline.session.SessionEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The facilitator's participant list: every participant with their picks. It goes to the facilitator's screens
 * as {@code participants} frames, the whole list when a screen connects and then only the rows that changed:
 * re-sending a thousand rows ten times a second because one person tapped a word would cost the facilitator's
 * laptop ≈ 1.7 MB/s of Wi-Fi and as much JSON to parse. Which rows changed is told by the events as they are
 * applied ({@link #applied}), so a flush looks at those rows only, not at everyone. Each row is encoded once and
 * reused until the participant's picks change; a change of picks gives them new pick lists, so the lists'
 * identity tells whether a row is still current (a participant's name, group and role never change). Used only
 * by the session's writer.
 */
final class ParticipantRows {

    private record Row(Participant participant, List<String> most, List<String> least, RawValue json) {
    }

    /**
     * What changed since the previous {@link #changes}: the rows of participants who joined or changed, in the
     * order they did, and who left; or, when {@code full}, the whole list, to replace what a screen has.
     */
    record Changes(boolean full, List<RawValue> rows, List<String> removed) {
        boolean isEmpty() {
            return !full && rows.isEmpty() && removed.isEmpty();
        }
    }

    private final Map<String, Row> rows = new HashMap<>();
    private final Set<String> touched = new LinkedHashSet<>();
    private boolean everyone;

    /** The participant's row, as JSON. */
    RawValue of(Participant p) {
        List<String> most = p.pickList(PickKind.MOST);
        List<String> least = p.pickList(PickKind.LEAST);
        Row row = rows.get(p.id());
        if (row == null || row.participant() != p || row.most() != most || row.least() != least) {
            row = new Row(p, most, least, new RawValue(Frames.encode(Views.summary(p))));
            rows.put(p.id(), row);
        }
        return row.json();
    }

    /** Every participant's row, in join order. */
    List<RawValue> all(Collection<Participant> participants) {
        List<RawValue> all = new ArrayList<>(participants.size());
        participants.forEach(p -> all.add(of(p)));
        return all;
    }

    /** Notes whose row an event applied to the session changes: a join, a pick or unpick, a removal. */
    void applied(SessionEvent event) {
        if (event instanceof SessionEvent.ParticipantJoined e) {
            touched.add(e.participantId());
        } else if (event instanceof SessionEvent.PickAdded e) {
            touched.add(e.participantId());
        } else if (event instanceof SessionEvent.PickRemoved e) {
            touched.add(e.participantId());
        } else if (event instanceof SessionEvent.ParticipantRemoved e) {
            touched.add(e.participantId());
        }
    }

    /** The session was rebuilt from the store (after a failed write): the next changes are the whole list. */
    void rebuilt() {
        everyone = true;
    }

    /**
     * The rows changed since the previous call. A screen that got {@link #all} at any moment and every change from
     * then on holds the current list: a row that changed before it connected may come again, which replaces it
     * with itself, and removing an id it does not have changes nothing.
     */
    Changes changes(Collection<Participant> participants, Function<String, Optional<Participant>> byId) {
        if (everyone) {
            everyone = false;
            touched.clear();
            rows.clear();
            return new Changes(true, all(participants), List.of());
        }
        List<RawValue> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String id : touched) {
            Optional<Participant> p = byId.apply(id);
            if (p.isPresent()) {
                changed.add(of(p.get()));
            } else {
                removed.add(id);
                rows.remove(id);
            }
        }
        touched.clear();
        return new Changes(false, changed, removed);
    }
}
