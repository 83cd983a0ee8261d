package nl.waterline.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One accepted change of a session, as stored before events were stored in batches ({@link BatchRow}): still
 * read, never written. The key (session, sequence) makes a replayed or doubled append
 * fail loudly instead of storing a change twice.
 */
@Entity
@Table(name = "wl_session_event")
@IdClass(EventRow.Key.class)
public class EventRow extends PanacheEntityBase {

    @Id
    @Column(name = "session_id", length = 40)
    public String sessionId;

    @Id
    @Column(name = "seq")
    public long sequence;

    @Column(name = "event_type", length = 60, nullable = false)
    public String eventType;

    @Column(name = "payload", length = 1000000, nullable = false)
    public String payload;

    @Column(name = "command_key", length = 200)
    public String commandKey;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public static class Key implements Serializable {
        public String sessionId;
        public long sequence;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.sequence == sequence && Objects.equals(k.sessionId, sessionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, sequence);
        }
    }
}
