package nl.waterline.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row per session, so a join code is found without reading any history. */
@Entity
@Table(name = "wl_session")
public class SessionRow extends PanacheEntityBase {

    @Id
    @Column(length = 40)
    public String id;

    @Column(name = "join_code", length = 16, nullable = false, unique = true)
    public String joinCode;

    @Column(name = "template_id", length = 60, nullable = false)
    public String templateId;

    @Column(length = 200, nullable = false)
    public String title;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
