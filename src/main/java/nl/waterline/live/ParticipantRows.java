package nl.waterline.live;

import com.fasterxml.jackson.databind.util.RawValue;
import nl.waterline.picks.PickKind;
import nl.waterline.session.Participant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facilitator's participant list: every participant with their picks. It goes to the facilitator's screens
 * as {@code participants} frames, the whole list when a screen connects and then only the rows that changed:
 * re-sending a thousand rows ten times a second because one person tapped a word would cost the facilitator's
 * laptop ≈ 1.7 MB/s of Wi-Fi and as much JSON to parse. Each row is encoded once and reused until the
 * participant's picks change; a change of picks gives them new pick lists, so the lists' identity tells whether
 * a row is still current (a participant's name, group and role never change). Used only by the session's writer.
 */
final class ParticipantRows {

    private record Row(Participant participant, List<String> most, List<String> least, RawValue json) {
    }

    /** What changed since the previous {@link #changes}: new or changed rows in join order, and who left. */
    record Changes(List<RawValue> rows, List<String> removed) {
        boolean isEmpty() {
            return rows.isEmpty() && removed.isEmpty();
        }
    }

    private final Map<String, Row> rows = new HashMap<>();
    /** The rows as of the last {@link #changes}, by participant id. */
    private Map<String, RawValue> reported = new HashMap<>();

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

    /**
     * The rows that are new or changed since the previous call and the participants no longer there. A screen that
     * got {@link #all} at any moment and every change from then on holds the current list: a row that changed
     * before it connected may come again, which replaces it with itself.
     */
    Changes changes(Collection<Participant> participants) {
        Map<String, RawValue> now = new LinkedHashMap<>();
        List<RawValue> changed = new ArrayList<>();
        for (Participant p : participants) {
            RawValue row = of(p);
            now.put(p.id(), row);
            if (reported.get(p.id()) != row) {
                changed.add(row);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String id : reported.keySet()) {
            if (!now.containsKey(id)) {
                removed.add(id);
            }
        }
        reported = now;
        if (rows.size() > now.size()) {
            rows.keySet().retainAll(now.keySet());
        }
        return new Changes(changed, removed);
    }
}
