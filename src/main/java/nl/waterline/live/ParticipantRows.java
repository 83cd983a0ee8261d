package nl.waterline.live;

import com.fasterxml.jackson.databind.util.RawValue;
import nl.waterline.picks.PickKind;
import nl.waterline.session.Participant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facilitator's view lists every participant with their picks, up to ten times a second, while only the few
 * who tapped since the last view changed: each participant's row is encoded once and reused until their picks
 * change. A participant's name, group and role never change; a change of picks gives them new pick lists, so the
 * lists' identity tells whether a row is still current. Used only by the session's writer.
 */
final class ParticipantRows {

    private record Row(Participant participant, List<String> most, List<String> least, RawValue json) {
    }

    private final Map<String, Row> rows = new HashMap<>();

    /** The participant's row of the facilitator's view, as JSON. */
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

    /** Forgets the rows of participants no longer in the session, once there are more rows than participants. */
    void keepAtMost(int participants, java.util.function.Predicate<String> stillThere) {
        if (rows.size() > participants) {
            rows.keySet().removeIf(id -> !stillThere.test(id));
        }
    }
}
