package nl.waterline.subgroups;

import java.util.Objects;

/**
 * One participant as the subgroup mixer sees them: who, and which stakeholder group and role they speak for.
 * Names stay out on purpose: subgroup composition is reported by group and role, never by name.
 */
public record SubgroupMember(String participantId, String group, String role) {

    public SubgroupMember {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(role, "role");
    }
}
