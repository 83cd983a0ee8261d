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
 * Consecutive events of one session, stored together (one group commit's worth, split only when it would not fit
 * in a row). The key (session, first sequence) makes a doubled append fail loudly; reading checks that the
 * batches follow each other without gap or overlap.
 */
@Entity
@Table(name = "wl_session_batch")
@IdClass(BatchRow.Key.class)
public class BatchRow extends PanacheEntityBase {

    /** The length of the events column: a batch longer than this is split over several rows. */
    static final int MAX_EVENTS_CHARS = 1_000_000;

    @Id
    @Column(name = "session_id", length = 40)
    public String sessionId;

    @Id
    @Column(name = "first_seq")
    public long firstSequence;

    @Column(name = "last_seq", nullable = false)
    public long lastSequence;

    /** JSON array of {type, commandKey, event} ({@link EventCodec#encodeEntry}, {@link EventCodec#decodeBatch}). */
    @Column(name = "events", length = MAX_EVENTS_CHARS, nullable = false)
    public String events;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public static class Key implements Serializable {
        public String sessionId;
        public long firstSequence;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.firstSequence == firstSequence && Objects.equals(k.sessionId, sessionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, firstSequence);
        }
    }
}
